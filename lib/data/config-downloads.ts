import type { Tx } from "./db";

type ProvisionOptions = {
  tx: Tx;
  deviceId: string;
  // The token row as read before the download was decided (null for a MAC-only download).
  token: { id: string; tokenHash: string } | null;
  sourceIp: string | null;
  now: Date;
};

// The writes of a successful config download, inside the caller's transaction: the token is spent
// (exactly once: a second concurrent request with the same token matches no row here), every other
// token of the device is void, the device is provisioned and its boot action is back to install.
// Null (nothing written) when the token was spent or voided meanwhile; otherwise the device's
// download count. Raw statements: this runs once per machine of a rack, and an ORM call costs
// ~1-2 ms of query-compiler CPU; dates bound as Date are stored as the ORM stores them
// (tests/integration/boot-hot-path.test.ts).
export const provisionDownload = async ({ tx, deviceId, token, sourceIp, now }: ProvisionOptions): Promise<number | null> => {
  if (token) {
    // The hash too: a newer script replaces the live row's hash in place (one live token row per
    // device, boot-tokens.ts), and then the token this request carried is no longer it.
    const spent = await tx.$executeRaw`
      UPDATE "BootToken" SET usedAt = ${now}
      WHERE id = ${token.id} AND tokenHash = ${token.tokenHash} AND usedAt IS NULL AND voidedAt IS NULL`;
    if (spent !== 1) return null;
  }
  await tx.$executeRaw`UPDATE "BootToken" SET voidedAt = ${now} WHERE deviceId = ${deviceId} AND usedAt IS NULL AND voidedAt IS NULL`;
  // The next boot script is a change of what the device is told: lastToldKey is cleared.
  const rows = await tx.$queryRaw<{ configDownloadCount: number | bigint }[]>`
    UPDATE "Device" SET configDownloadedAt = ${now}, configDownloadCount = configDownloadCount + 1, lastDownloadIp = ${sourceIp},
      provisionedAt = ${now}, bootAction = 'install', lastSeenAt = ${now}, lastToldKey = NULL, updatedAt = ${now}
    WHERE id = ${deviceId} RETURNING configDownloadCount`;
  if (!rows[0]) throw new Error(`device ${deviceId} was deleted while it downloaded its config`);

  return Number(rows[0].configDownloadCount);
};
