import { AppError } from "@/lib/domain/errors";
import { isIpv4 } from "@/lib/domain/net/ipv4";

// One approved device with a static IP becomes one dhcp-hostsdir file holding one line
// "mac,ip[,hostname]". dnsmasq reads new/changed files there live (inotify), so an approval needs no
// restart. Every field is checked against a strict pattern here, whatever validated it before: a
// comma or newline in any of them would add options or lines to dnsmasq's view of the host.
export type ReservationInput = { mac: string; ipAddress: string; hostname: string | null };

const macPattern = /^[0-9a-f]{2}(?::[0-9a-f]{2}){5}$/;
const labelPattern = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

// File name: the MAC without colons (stable per device, and no character dnsmasq's inotify skips).
export const reservationFileName = (mac: string): string => {
  if (!macPattern.test(mac)) throw new AppError("validation_failed", `not a normalised MAC: ${JSON.stringify(mac)}`);

  return mac.replace(/:/g, "");
};

export const reservationLine = ({ mac, ipAddress, hostname }: ReservationInput): string => {
  reservationFileName(mac);
  if (!isIpv4(ipAddress)) throw new AppError("validation_failed", `not an IPv4 address: ${JSON.stringify(ipAddress)}`);
  // dnsmasq hands out only the host part as the DHCP hostname; an FQDN keeps its first label.
  const label = hostname?.toLowerCase().split(".")[0] ?? null;
  if (hostname !== null && (label === null || !labelPattern.test(label) || !/^[a-z0-9.-]+$/i.test(hostname))) {
    throw new AppError("validation_failed", `not a valid hostname: ${JSON.stringify(hostname)}`);
  }

  return `${[mac, ipAddress, ...(label ? [label] : [])].join(",")}\n`;
};
