import { dateColumn, nowStatement, writeNow } from "./write-now";

type SaveIdentityOptions = {
  deviceId: string;
  // What the caller read: the write happens only if the row still says this.
  from: { status: string | null; reason: string | null };
  status: string;
  reason: string;
};

// The device page shows the last identity check; written only when it changed (not per poll),
// compare-and-set so two concurrent polls of one device record a change once: true only for the
// request whose UPDATE matched the old values. It is observation of the machine, not an edit, so
// updatedAt stays. One prepared statement through writeNow (write-now.ts): a device's first config
// download usually carries a new verdict, and the ORM's raw call costs ~1 ms of CPU per machine.
export const saveDeviceIdentity = async ({ deviceId, from, status, reason }: SaveIdentityOptions): Promise<boolean> =>
  writeNow(
    (tx) =>
      nowStatement(
        tx,
        `UPDATE "Device" SET identityStatus = @status, identityReason = @reason, identityCheckedAt = @at
        WHERE id = @deviceId AND identityStatus IS @fromStatus AND identityReason IS @fromReason`,
      ).run({ status, reason, at: dateColumn(new Date()), deviceId, fromStatus: from.status, fromReason: from.reason }).changes === 1,
  );
