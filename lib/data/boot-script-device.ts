import { bootColumns, bootDeviceOf, type BootDevice } from "./boot-devices";
import { dateOf, statement } from "./hot-statements";

// The device's live (unspent, not voided) config token as stored: the Talos script re-serves the
// token derived from it while it stays usable (lib/services/boot/boot-token.ts).
export type LiveBootToken = { id: string; tokenHash: string; createdAt: Date; expiresAt: Date; boundIp: string | null };

// What GET /api/v1/boot/ipxe needs of a known device besides its boot state, in the same prepared
// read (one statement per poll, docs/architecture.md): its own and its group's approval proof
// (the cluster's comes with the settings) and its newest live token.
export type BootScriptDevice = BootDevice & {
  approvalProof: { device: string | null; group: string | null };
  liveToken: LiveBootToken | null;
};

const sql = `
  SELECT ${bootColumns
    .split(",")
    .map((column) => `d.${column.trim()}`)
    .join(", ")},
         d.approvalProof AS deviceApprovalProof, g.approvalProof AS groupApprovalProof,
         t.id AS tokenId, t.tokenHash, t.createdAt AS tokenCreatedAt, t.expiresAt AS tokenExpiresAt, t.boundIp AS tokenBoundIp
  FROM "Device" AS d
  LEFT JOIN "DeviceGroup" AS g ON g.id = d.groupId
  LEFT JOIN "BootToken" AS t ON t.id = (
    SELECT id FROM "BootToken" WHERE deviceId = d.id AND usedAt IS NULL AND voidedAt IS NULL ORDER BY createdAt DESC LIMIT 1)
  WHERE d.mac = ?`;

export const findBootScriptDevice = async (mac: string): Promise<BootScriptDevice | null> => {
  const row = statement(sql).get(mac) as Record<string, unknown> | undefined;
  if (!row) return null;
  const { deviceApprovalProof, groupApprovalProof, tokenId, tokenHash, tokenCreatedAt, tokenExpiresAt, tokenBoundIp, ...device } = row;

  return {
    ...bootDeviceOf(device),
    approvalProof: { device: (deviceApprovalProof as string | null) ?? null, group: (groupApprovalProof as string | null) ?? null },
    liveToken:
      tokenId === null || tokenId === undefined
        ? null
        : {
            id: String(tokenId),
            tokenHash: String(tokenHash),
            createdAt: dateOf(tokenCreatedAt)!,
            expiresAt: dateOf(tokenExpiresAt)!,
            boundIp: (tokenBoundIp as string | null) ?? null,
          },
  };
};
