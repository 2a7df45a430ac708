import { prisma } from "@/lib/db/client";
import { resolveApprovalProof, type ApprovalProof } from "@/lib/domain/oauth/approval-proof";

// The effective approval proof of one device: its own setting, its group's, then the cluster's.
// One raw statement: it runs on every Talos boot script and config download of a device.
export const approvalProofOfDevice = async (deviceId: string): Promise<ApprovalProof> => {
  const rows = await prisma.$queryRaw<{ device: string | null; grp: string | null; cluster: string | null }[]>`
    SELECT d.approvalProof AS device, g.approvalProof AS grp,
           (SELECT approvalProof FROM "ClusterSettings" ORDER BY createdAt ASC LIMIT 1) AS cluster
    FROM "Device" AS d LEFT JOIN "DeviceGroup" AS g ON g.id = d.groupId
    WHERE d.id = ${deviceId}`;
  const row = rows[0];

  return resolveApprovalProof({ device: row?.device ?? null, group: row?.grp ?? null, cluster: row?.cluster ?? null });
};
