import { prisma } from "@/lib/db/client";
import type { NetworkSettings } from "@/lib/generated/prisma/client";
import type { NetworkSettingsInput, NetworkSettingsJson } from "@/lib/schemas/network";
import { identityCheckColumn, identityCheckOf, listColumn } from "./columns";
import type { Db } from "./db";

// The stored settings as input values (for re-validation and rendering).
const inputOf = (row: NetworkSettings): NetworkSettingsInput => ({
  interface: row.interface,
  serverIp: row.serverIp,
  httpBaseUrl: row.httpBaseUrl,
  dhcpMode: row.dhcpMode,
  dhcpRangeStart: row.dhcpRangeStart,
  dhcpRangeEnd: row.dhcpRangeEnd,
  netmask: row.netmask,
  gateway: row.gateway,
  dnsServers: listColumn(row.dnsServers, "NetworkSettings.dnsServers"),
  domain: row.domain,
  leaseTime: row.leaseTime,
  dnsEnabled: row.dnsEnabled,
  tftpEnabled: row.tftpEnabled,
  uefiBinary: row.uefiBinary as NetworkSettingsInput["uefiBinary"],
  arm64Binary: row.arm64Binary,
  ipxePollSeconds: row.ipxePollSeconds,
  assetSource: row.assetSource,
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
  identityCheck: identityCheckOf(row.identityCheck),
});

export type NetworkSettingsRecord = { json: NetworkSettingsJson; input: NetworkSettingsInput };

const recordOf = (row: NetworkSettings): NetworkSettingsRecord => {
  const input = inputOf(row);

  return {
    input,
    json: { id: row.id, ...input, appliedAt: row.appliedAt?.toISOString() ?? null, appliedHash: row.appliedHash, updatedAt: row.updatedAt.toISOString() },
  };
};

// Input -> the columns Prisma stores (dnsServers is a Json column, written as an array).
const columnsOf = (input: NetworkSettingsInput) => ({ ...input, identityCheck: identityCheckColumn(input.identityCheck) });

// There is one NetworkSettings row (the oldest, should a race ever have created two).
export const findNetworkSettings = async (db: Db = prisma): Promise<NetworkSettingsRecord | null> => {
  const row = await db.networkSettings.findFirst({ orderBy: { createdAt: "asc" } });

  return row ? recordOf(row) : null;
};

export const findNetworkSettingsById = async ({ id, db = prisma }: { id: string; db?: Db }): Promise<NetworkSettingsRecord | null> => {
  const row = await db.networkSettings.findUnique({ where: { id } });

  return row ? recordOf(row) : null;
};

export const insertNetworkSettings = async ({ input, db = prisma }: { input: NetworkSettingsInput; db?: Db }): Promise<NetworkSettingsJson> =>
  recordOf(await db.networkSettings.create({ data: columnsOf(input) })).json;

export const writeNetworkSettings = async ({ id, input, db = prisma }: { id: string; input: NetworkSettingsInput; db?: Db }): Promise<NetworkSettingsJson> =>
  recordOf(await db.networkSettings.update({ where: { id }, data: columnsOf(input) })).json;

export const markNetworkSettingsApplied = async ({ id, at, configHash, db = prisma }: { id: string; at: Date; configHash: string; db?: Db }): Promise<void> => {
  await db.networkSettings.update({ where: { id }, data: { appliedAt: at, appliedHash: configHash } });
};

export type ServerAddress = { serverIp: string; netmask: string };

// The server's address and netmask from the single network settings row (the oldest one).
export const findServerAddress = (): Promise<ServerAddress | null> =>
  prisma.networkSettings.findFirst({ orderBy: { createdAt: "asc" }, select: { serverIp: true, netmask: true } });
