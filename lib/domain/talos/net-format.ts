export const isDnsName = (value: string): boolean =>
  value.length > 0 && value.length <= 253 && value.split(".").every((label) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i.test(label));
