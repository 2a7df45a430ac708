export const approvalProofs = ["token", "console-code"] as const;
export type ApprovalProof = (typeof approvalProofs)[number];

type ResolveOptions = { device: string | null; group: string | null; cluster: string | null };

const known = (value: string | null): ApprovalProof | null =>
  (approvalProofs as readonly string[]).includes(value ?? "") ? (value as ApprovalProof) : null;

// The most specific setting wins: device, then its group, then the cluster; "token" by default.
export const resolveApprovalProof = ({ device, group, cluster }: ResolveOptions): ApprovalProof =>
  known(device) ?? known(group) ?? known(cluster) ?? "token";
