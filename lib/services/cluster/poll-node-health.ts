import { findBootstrapRow } from "@/lib/data/cluster-bootstrap";
import { listClusterDevices, saveNodeTalosResult, type ClusterDevice } from "@/lib/data/cluster-health";
import type { TalosCredentials } from "@/lib/talos-api";
import { pollNodeTalos } from "./poll-node-talos";
import { loadTalosCredentials } from "./talos-credentials";

export type PollableNode = Pick<ClusterDevice, "id" | "hostname" | "ipAddress" | "role">;

// Nodes worth asking: approved, config downloaded, with an address to dial.
export const listPollableNodes = async (): Promise<PollableNode[]> =>
  (await listClusterDevices())
    .filter((device) => device.provisionedAt !== null && device.ipAddress !== null)
    .map(({ id, hostname, ipAddress, role }) => ({ id, hostname, ipAddress, role }));

let cached: { talosconfigEnc: string; credentials: TalosCredentials } | undefined;

// The talosconfig's admin identity, or null while no config has been generated.
export const currentTalosCredentials = async (): Promise<TalosCredentials | null> => {
  const row = await findBootstrapRow();
  if (!row?.talosconfigEnc) return null;
  if (cached?.talosconfigEnc !== row.talosconfigEnc) cached = { talosconfigEnc: row.talosconfigEnc, credentials: await loadTalosCredentials(row.talosconfigEnc) };

  return cached.credentials;
};

type PollNodeHealthOptions = { node: PollableNode; credentials: TalosCredentials; port: number; timeoutMs: number; failures: number };

// One node poll, stored: the Talos half of its snapshot. Resolves whether the node answered.
export const pollNodeHealth = async ({ node, credentials, port, timeoutMs, failures }: PollNodeHealthOptions): Promise<boolean> => {
  const { reachable, snapshot } = await pollNodeTalos({ device: node, credentials, port, timeoutMs });
  await saveNodeTalosResult({ deviceId: node.id, snapshot, reachable, failures: reachable ? 0 : failures + 1, now: new Date() });

  return reachable;
};
