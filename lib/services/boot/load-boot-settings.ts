import { identityChecks, type IdentityCheck } from "@/lib/domain/identity/decide-identity";
import { prisma } from "@/lib/db/client";

// Everything the machine-facing routes need from the settings rows, with the product defaults
// when a row does not exist yet (a machine may PXE-boot before the admin saved anything).
export type BootSettings = {
  httpBaseUrl: string | null;
  pollSeconds: number;
  extraKernelArgs: string;
  provisionWindowMinutes: number;
  allowMacOnlyDownload: boolean;
  pendingHoldSeconds: number;
  talosVersion: string | null;
  configGenerated: boolean;
  dhcpMode: string;
  identityCheck: IdentityCheck;
};

type Row = {
  httpBaseUrl: string | null;
  ipxePollSeconds: number | bigint | null;
  extraKernelArgs: string | null;
  provisionWindowMinutes: number | bigint | null;
  allowMacOnlyDownload: boolean | number | bigint | null;
  pendingHoldSeconds: number | bigint | null;
  talosVersion: string | null;
  configGenerated: boolean | number | bigint | null;
  dhcpMode: string | null;
  identityCheck: string | null;
};

const numberOr = (value: number | bigint | null, fallback: number): number => (value === null ? fallback : Number(value));
const flag = (value: boolean | number | bigint | null): boolean => value === true || Number(value) === 1;

// Read on every machine request (the boot storm of issue 8), so one raw statement for both rows:
// an ORM findFirst costs ~1.3 ms of CPU in the query compiler, this ~0.3 ms. No in-process cache:
// settings are also written outside the save services (worker apply, tests), and the raw read is
// cheap enough to stay exact. Same rows as findFirst({ orderBy: { createdAt: "asc" } }) each.
export const loadBootSettings = async (): Promise<BootSettings> => {
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT n.httpBaseUrl, n.ipxePollSeconds, n.extraKernelArgs, n.provisionWindowMinutes,
           n.allowMacOnlyDownload, n.pendingHoldSeconds, n.dhcpMode, n.identityCheck, c.talosVersion,
           (c.generatedAt IS NOT NULL AND COALESCE(c.controlPlaneConfigEnc, '') <> ''
             AND COALESCE(c.workerConfigEnc, '') <> '') AS configGenerated
    FROM (SELECT 1) AS one
    LEFT JOIN (SELECT * FROM "NetworkSettings" ORDER BY createdAt ASC LIMIT 1) AS n ON 1
    LEFT JOIN (SELECT * FROM "ClusterSettings" ORDER BY createdAt ASC LIMIT 1) AS c ON 1`;
  const row = rows[0];

  return {
    httpBaseUrl: row?.httpBaseUrl ?? null,
    pollSeconds: numberOr(row?.ipxePollSeconds ?? null, 10),
    extraKernelArgs: row?.extraKernelArgs ?? "",
    provisionWindowMinutes: numberOr(row?.provisionWindowMinutes ?? null, 60),
    allowMacOnlyDownload: flag(row?.allowMacOnlyDownload ?? null),
    pendingHoldSeconds: numberOr(row?.pendingHoldSeconds ?? null, 60),
    talosVersion: row?.talosVersion ?? null,
    configGenerated: flag(row?.configGenerated ?? null),
    dhcpMode: row?.dhcpMode ?? "full",
    // Strict unless the admin chose otherwise, also before any settings exist (docs/security.md).
    identityCheck: (identityChecks as readonly string[]).includes(row?.identityCheck ?? "") ? (row!.identityCheck as IdentityCheck) : "strict",
  };
};
