import { prisma } from "@/lib/db/client";

type SaveIdentityOptions = { deviceId: string; status: string; reason: string };

// The device page shows the last identity check; written only when it changed (not per poll).
// Raw, like the boot touch (lib/services/boot/touch-known-device.ts): it is observation of the
// machine, not an edit, so updatedAt stays what the touch set.
export const saveDeviceIdentity = async ({ deviceId, status, reason }: SaveIdentityOptions): Promise<void> => {
  await prisma.$executeRaw`UPDATE "Device" SET identityStatus = ${status}, identityReason = ${reason}, identityCheckedAt = ${new Date()} WHERE id = ${deviceId}`;
};
