import type { NetworkSettings } from "@/lib/generated/prisma/client";
import type { NetworkSettingsInput, NetworkSettingsJson } from "@/lib/schemas/network";

const parseList = (value: string): string[] => {
  try {
    const parsed: unknown = JSON.parse(value);

    return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === "string") : [];
  } catch {
    return [];
  }
};

// The settings as validated input (for re-validation and rendering), from a stored row.
export const networkSettingsInputOf = (row: NetworkSettings): NetworkSettingsInput => ({
  interface: row.interface,
  serverIp: row.serverIp,
  httpBaseUrl: row.httpBaseUrl,
  dhcpMode: row.dhcpMode as NetworkSettingsInput["dhcpMode"],
  dhcpRangeStart: row.dhcpRangeStart,
  dhcpRangeEnd: row.dhcpRangeEnd,
  netmask: row.netmask,
  gateway: row.gateway,
  dnsServers: parseList(row.dnsServers),
  domain: row.domain,
  leaseTime: row.leaseTime,
  dnsEnabled: row.dnsEnabled,
  tftpEnabled: row.tftpEnabled,
  uefiBinary: row.uefiBinary as NetworkSettingsInput["uefiBinary"],
  arm64Binary: row.arm64Binary,
  ipxePollSeconds: row.ipxePollSeconds,
  assetSource: row.assetSource as NetworkSettingsInput["assetSource"],
  factorySchematic: row.factorySchematic,
  extraKernelArgs: row.extraKernelArgs,
  provisionWindowMinutes: row.provisionWindowMinutes,
  allowMacOnlyDownload: row.allowMacOnlyDownload,
  pendingHoldSeconds: row.pendingHoldSeconds,
  registrationBurst: row.registrationBurst,
  registrationsPerMinute: row.registrationsPerMinute,
  maxPendingDevices: row.maxPendingDevices,
  maxHeldDownloads: row.maxHeldDownloads,
  eventRetentionDays: row.eventRetentionDays,
  tokenRetentionDays: row.tokenRetentionDays,
  deliveryRetentionDays: row.deliveryRetentionDays,
  identityCheck: row.identityCheck as NetworkSettingsInput["identityCheck"],
});

// The API shape (PRODUCT.md §3 field names, dnsServers as a list).
export const networkSettingsJson = (row: NetworkSettings): NetworkSettingsJson => ({
  id: row.id,
  ...networkSettingsInputOf(row),
  appliedAt: row.appliedAt?.toISOString() ?? null,
  appliedHash: row.appliedHash,
  updatedAt: row.updatedAt.toISOString(),
});

// Input → the columns Prisma stores (lists as JSON text).
export const networkSettingsData = (input: NetworkSettingsInput) => ({ ...input, dnsServers: JSON.stringify(input.dnsServers) });
