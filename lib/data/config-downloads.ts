import { dateColumn, nowStatement, type NowTx } from "./write-now";

type ProvisionOptions = {
  tx: NowTx;
  deviceId: string;
  // The token row as read before the download was decided (null for a MAC-only download).
  token: { id: string; tokenHash: string } | null;
  sourceIp: string | null;
  now: Date;
};

// The writes of a successful config download, inside the caller's synchronous write transaction
// (write-now.ts): the token is spent (exactly once: a second concurrent request with the same token
// matches no row here), every other token of the device is void, the device is provisioned and its
// boot action is back to install. Null (nothing written) when the token was spent or voided
// meanwhile; otherwise the device's download count. Prepared statements: this runs once per machine
// of a rack; dates are stored as the ORM stores them (tests/integration/boot-hot-path.test.ts).
export const provisionDownloadNow = ({ tx, deviceId, token, sourceIp, now }: ProvisionOptions): number | null => {
  const at = dateColumn(now);
  if (token) {
    // The hash too: a newer script replaces the live row's hash in place (one live token row per
    // device, boot-tokens.ts), and then the token this request carried is no longer it.
    const spent = nowStatement(tx, `UPDATE "BootToken" SET usedAt = ? WHERE id = ? AND tokenHash = ? AND usedAt IS NULL AND voidedAt IS NULL`).run(at, token.id, token.tokenHash);
    if (spent.changes !== 1) return null;
  }
  nowStatement(tx, `UPDATE "BootToken" SET voidedAt = ? WHERE deviceId = ? AND usedAt IS NULL AND voidedAt IS NULL`).run(at, deviceId);
  // The next boot script is a change of what the device is told: lastToldKey is cleared.
  const row = nowStatement(
    tx,
    `UPDATE "Device" SET configDownloadedAt = @at, configDownloadCount = configDownloadCount + 1, lastDownloadIp = @sourceIp,
      provisionedAt = @at, bootAction = 'install', lastSeenAt = @at, lastToldKey = NULL, updatedAt = @at
    WHERE id = @deviceId RETURNING configDownloadCount`,
  ).get({ at, sourceIp, deviceId }) as { configDownloadCount: number | bigint } | undefined;
  if (!row) throw new Error(`device ${deviceId} was deleted while it downloaded its config`);

  return Number(row.configDownloadCount);
};
