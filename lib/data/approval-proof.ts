import { statement } from "./hot-statements";
import { resolveApprovalProof, type ApprovalProof } from "@/lib/domain/oauth/approval-proof";

// The effective approval proof of one device: its own setting, its group's, then the cluster's.
// One prepared statement (hot-statements.ts): it runs on every poll, Talos script and config download.
export const approvalProofOfDevice = async (deviceId: string): Promise<ApprovalProof> => {
  const row = statement(`
    SELECT d.approvalProof AS device, g.approvalProof AS grp,
           (SELECT approvalProof FROM "ClusterSettings" ORDER BY createdAt ASC LIMIT 1) AS cluster
    FROM "Device" AS d LEFT JOIN "DeviceGroup" AS g ON g.id = d.groupId
    WHERE d.id = ?`).get(deviceId) as { device: string | null; grp: string | null; cluster: string | null } | undefined;

  return resolveApprovalProof({ device: row?.device ?? null, group: row?.grp ?? null, cluster: row?.cluster ?? null });
};
