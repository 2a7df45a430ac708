import { isIP } from "node:net";

export const isDnsName = (value: string): boolean =>
  value.length > 0 && value.length <= 253 && value.split(".").every((label) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i.test(label));

export const isIpOrCidr = (value: string): boolean => {
  const [ip, prefix, ...rest] = value.split("/");
  if (rest.length > 0 || !ip) return false;
  const family = isIP(ip);
  if (family === 0) return false;
  if (prefix === undefined) return true;

  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
};
