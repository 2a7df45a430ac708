import type { DeviceAuthorization } from "@/lib/data/device-authorizations";
import type { DeviceCodeJson } from "@/lib/schemas/oauth";

// The API shape of one console-code request. Never the code itself: only its hash is stored.
export const deviceCodeJson = (row: DeviceAuthorization): DeviceCodeJson => ({
  id: row.id,
  status: row.status,
  sourceIp: row.sourceIp,
  reportedUuid: row.reportedUuid,
  reportedSerial: row.reportedSerial,
  reportedMac: row.reportedMac,
  createdAt: row.createdAt.toISOString(),
  expiresAt: row.expiresAt.toISOString(),
  decidedAt: row.decidedAt?.toISOString() ?? null,
  decidedBy: row.decidedBy,
});
