import { listColumn } from "./columns";
import { dateOf, flagOf, statement, versionCached } from "./hot-statements";

// The settings columns every machine request needs (network + cluster), one prepared statement,
// cached until the database changes (hot-statements.ts): a save in any process is visible on the
// very next request, and a request in between costs one pragma. The cluster's sealed base configs
// are not read here, only a fingerprint of them: the decrypted configs are cached by the caller
// and re-read only when it changes.
export type BootSettingsRow = {
  networkSaved: boolean;
  httpBaseUrl: string | null;
  ipxePollSeconds: number | null;
  extraKernelArgs: string | null;
  provisionWindowMinutes: number | null;
  allowMacOnlyDownload: boolean | null;
  pendingHoldSeconds: number | null;
  registrationBurst: number | null;
  registrationsPerMinute: number | null;
  maxPendingDevices: number | null;
  maxHeldDownloads: number | null;
  dhcpMode: string | null;
  identityCheck: string | null;
  netmask: string | null;
  gateway: string | null;
  // JSON text as stored (a list of addresses).
  // Parsed from the Json column once per settings change (a list the network form validated).
  dnsServers: string[];
  talosVersion: string | null;
  configGenerated: boolean;
  clusterApprovalProof: string | null;
  // Changes whenever the sealed base configs (or when they were generated) change.
  baseConfigFingerprint: string | null;
};

// Same rows as findFirst({ orderBy: { createdAt: "asc" } }) on each table, joined by id so that
// only the named columns are read (not the sealed secrets). The fingerprint holds
// each envelope's length and head: an envelope is "v1:" + base64(iv | tag | ciphertext) with a
// fresh IV per seal (lib/crypto/secret-box.ts), so a new envelope starts differently, and the
// updatedAt/generatedAt stamps as well.
const sql = `
  SELECT n.id AS networkId, n.httpBaseUrl, n.ipxePollSeconds, n.extraKernelArgs, n.provisionWindowMinutes,
         n.allowMacOnlyDownload, n.pendingHoldSeconds, n.registrationBurst, n.registrationsPerMinute,
         n.maxPendingDevices, n.maxHeldDownloads, n.dhcpMode, n.identityCheck, n.netmask, n.gateway, n.dnsServers,
         c.id AS clusterId, c.talosVersion, c.approvalProof AS clusterApprovalProof,
         (c.generatedAt IS NOT NULL AND COALESCE(c.controlPlaneConfigEnc, '') <> ''
           AND COALESCE(c.workerConfigEnc, '') <> '') AS configGenerated,
         c.id || '|' || COALESCE(CAST(c.updatedAt AS TEXT), '') || '|' || COALESCE(CAST(c.generatedAt AS TEXT), '')
           || '|' || length(COALESCE(c.controlPlaneConfigEnc, '')) || ':' || substr(COALESCE(c.controlPlaneConfigEnc, ''), 1, 48)
           || '|' || length(COALESCE(c.workerConfigEnc, '')) || ':' || substr(COALESCE(c.workerConfigEnc, ''), 1, 48) AS baseConfigFingerprint
  FROM (SELECT 1) AS one
  LEFT JOIN "NetworkSettings" AS n ON n.id = (SELECT id FROM "NetworkSettings" ORDER BY createdAt ASC LIMIT 1)
  LEFT JOIN "ClusterSettings" AS c ON c.id = (SELECT id FROM "ClusterSettings" ORDER BY createdAt ASC LIMIT 1)`;

type Raw = Record<string, unknown>;

const numberOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
const textOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

const rowOf = (raw: Raw): BootSettingsRow => ({
  networkSaved: raw.networkId !== null,
  httpBaseUrl: textOrNull(raw.httpBaseUrl),
  ipxePollSeconds: numberOrNull(raw.ipxePollSeconds),
  extraKernelArgs: textOrNull(raw.extraKernelArgs),
  provisionWindowMinutes: numberOrNull(raw.provisionWindowMinutes),
  allowMacOnlyDownload: raw.allowMacOnlyDownload === null ? null : flagOf(raw.allowMacOnlyDownload),
  pendingHoldSeconds: numberOrNull(raw.pendingHoldSeconds),
  registrationBurst: numberOrNull(raw.registrationBurst),
  registrationsPerMinute: numberOrNull(raw.registrationsPerMinute),
  maxPendingDevices: numberOrNull(raw.maxPendingDevices),
  maxHeldDownloads: numberOrNull(raw.maxHeldDownloads),
  dhcpMode: textOrNull(raw.dhcpMode),
  identityCheck: textOrNull(raw.identityCheck),
  netmask: textOrNull(raw.netmask),
  gateway: textOrNull(raw.gateway),
  dnsServers: raw.dnsServers === null ? [] : listColumn(JSON.parse(String(raw.dnsServers)), "NetworkSettings.dnsServers"),
  talosVersion: textOrNull(raw.talosVersion),
  configGenerated: flagOf(raw.configGenerated),
  clusterApprovalProof: textOrNull(raw.clusterApprovalProof),
  baseConfigFingerprint: raw.clusterId === null ? null : textOrNull(raw.baseConfigFingerprint),
});

export const readBootSettingsRow = versionCached((): BootSettingsRow => rowOf(statement(sql).get() as Raw));

export type SealedBaseConfigs = { controlPlaneConfigEnc: string | null; workerConfigEnc: string | null; generatedAt: Date | null; talosVersion: string; fingerprint: string };

// The envelopes themselves, read only when the fingerprint above moved.
export const readSealedBaseConfigs = (): SealedBaseConfigs | null => {
  const raw = statement(`
    SELECT c.controlPlaneConfigEnc, c.workerConfigEnc, c.generatedAt, c.talosVersion, ${sql.slice(sql.indexOf("c.id || '|'"), sql.indexOf("AS baseConfigFingerprint"))} AS fingerprint
    FROM "ClusterSettings" AS c ORDER BY c.createdAt ASC LIMIT 1`).get() as Raw | undefined;
  if (!raw) return null;

  return {
    controlPlaneConfigEnc: textOrNull(raw.controlPlaneConfigEnc),
    workerConfigEnc: textOrNull(raw.workerConfigEnc),
    generatedAt: dateOf(raw.generatedAt),
    talosVersion: String(raw.talosVersion),
    fingerprint: String(raw.fingerprint),
  };
};
