import { identityChecks, type IdentityCheck } from "@/lib/domain/identity/decide-identity";
import { readBootSettingsRow, type BootSettingsRow } from "@/lib/data/boot-settings";
import { networkSettingsDefaults } from "@/lib/schemas/network";

// Everything the machine-facing routes need from the settings rows, with the product defaults
// when a row does not exist yet (a machine may PXE-boot before the admin saved anything).
export type BootSettings = {
  httpBaseUrl: string | null;
  pollSeconds: number;
  extraKernelArgs: string;
  provisionWindowMinutes: number;
  allowMacOnlyDownload: boolean;
  pendingHoldSeconds: number;
  registrationBurst: number;
  registrationsPerMinute: number;
  maxPendingDevices: number;
  maxHeldDownloads: number;
  talosVersion: string | null;
  configGenerated: boolean;
  dhcpMode: string;
  identityCheck: IdentityCheck;
  // The cluster-wide approval proof (console-code mode), resolved per device with its own and its group's.
  clusterApprovalProof: string | null;
};

const flagOr = (value: boolean | null): boolean => value === true;
const numberOr = (value: number | null, fallback: number): number => value ?? fallback;

const settingsOf = (row: BootSettingsRow): BootSettings => ({
  httpBaseUrl: row.httpBaseUrl,
  pollSeconds: numberOr(row.ipxePollSeconds, 10),
  extraKernelArgs: row.extraKernelArgs ?? "",
  provisionWindowMinutes: numberOr(row.provisionWindowMinutes, 60),
  allowMacOnlyDownload: flagOr(row.allowMacOnlyDownload),
  pendingHoldSeconds: numberOr(row.pendingHoldSeconds, 60),
  registrationBurst: numberOr(row.registrationBurst, networkSettingsDefaults.registrationBurst),
  registrationsPerMinute: numberOr(row.registrationsPerMinute, networkSettingsDefaults.registrationsPerMinute),
  maxPendingDevices: numberOr(row.maxPendingDevices, networkSettingsDefaults.maxPendingDevices),
  maxHeldDownloads: numberOr(row.maxHeldDownloads, networkSettingsDefaults.maxHeldDownloads),
  talosVersion: row.talosVersion,
  configGenerated: row.configGenerated,
  dhcpMode: row.dhcpMode ?? "full",
  // Strict unless the admin chose otherwise, also before any settings exist (docs/security.md).
  identityCheck: (identityChecks as readonly string[]).includes(row.identityCheck ?? "") ? (row.identityCheck as IdentityCheck) : "strict",
  clusterApprovalProof: row.clusterApprovalProof,
});

// The row is re-read only when the database changed (lib/data/boot-settings.ts): the mapped value
// is kept per row, so a request between two commits maps nothing either.
const mapped = new WeakMap<BootSettingsRow, BootSettings>();

// Read on every machine request (the boot storm): one pragma, and one prepared statement when any
// process committed since (a save is visible on the very next request). Also settings written
// outside the save services (worker apply, tests) are seen: the check is the database's own
// change counter, not a flag the save services set.
export const loadBootSettings = async (): Promise<BootSettings> => {
  const row = readBootSettingsRow();
  let settings = mapped.get(row);
  if (!settings) mapped.set(row, (settings = settingsOf(row)));

  return settings;
};
