import { prisma } from "@/lib/db/client";

type SaveIdentityOptions = { deviceId: string; status: string; reason: string };

// The device page shows the last identity check; written only when it changed (not per poll).
export const saveDeviceIdentity = async ({ deviceId, status, reason }: SaveIdentityOptions): Promise<void> => {
  await prisma.device.update({ where: { id: deviceId }, data: { identityStatus: status, identityReason: reason, identityCheckedAt: new Date() } });
};
