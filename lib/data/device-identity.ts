import { prisma } from "@/lib/db/client";

type SaveIdentityOptions = {
  deviceId: string;
  // What the caller read: the write happens only if the row still says this.
  from: { status: string | null; reason: string | null };
  status: string;
  reason: string;
};

// The device page shows the last identity check; written only when it changed (not per poll),
// compare-and-set so two concurrent polls of one device record a change once: true only for the
// request whose UPDATE matched the old values. Raw, like the other hot-path device writes
// (lib/data/boot-devices.ts): it is observation of the machine, not an edit, so updatedAt stays.
export const saveDeviceIdentity = async ({ deviceId, from, status, reason }: SaveIdentityOptions): Promise<boolean> => {
  const changed = await prisma.$executeRaw`
    UPDATE "Device" SET identityStatus = ${status}, identityReason = ${reason}, identityCheckedAt = ${new Date()}
    WHERE id = ${deviceId} AND identityStatus IS ${from.status} AND identityReason IS ${from.reason}`;

  return changed === 1;
};
