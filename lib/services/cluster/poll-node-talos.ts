import type { ClusterDevice } from "@/lib/data/cluster-health";
import type { NodeSnapshot } from "@/lib/schemas/cluster-health";
import { createTalosClient, type TalosCredentials } from "@/lib/talos-api";

// Machine services whose health the panel shows (apid answers the call itself).
const watchedServices = ["apid", "containerd", "etcd", "kubelet", "trustd"];

type PollNodeTalosOptions = { device: Pick<ClusterDevice, "ipAddress" | "role">; credentials: TalosCredentials; port: number; timeoutMs: number };

// One look at a node through its own Talos API: version, hostname, services, and on control
// planes the etcd member list. Every call has the same deadline, so a dead node costs at most
// `timeoutMs` and holds up nobody else (the caller runs nodes side by side).
export const pollNodeTalos = async ({ device, credentials, port, timeoutMs }: PollNodeTalosOptions): Promise<{ reachable: boolean; snapshot: NodeSnapshot }> => {
  const empty: NodeSnapshot = { talosVersion: null, talosHostname: null, services: [], etcdMembers: null, talosError: null };
  if (!device.ipAddress) return { reachable: false, snapshot: { ...empty, talosError: "no IP address" } };
  const client = createTalosClient({ address: device.ipAddress, port, credentials, timeoutMs });
  try {
    const version = await client.version();
    const [hostname, services, etcd] = await Promise.allSettled([
      client.hostname(),
      client.serviceList(),
      device.role === "controlplane" ? client.etcdMemberList() : Promise.resolve(null),
    ]);
    const serviceList = services.status === "fulfilled" ? services.value.messages[0]?.services ?? [] : [];
    return {
      reachable: true,
      snapshot: {
        talosVersion: version.messages[0]?.version?.tag ?? null,
        talosHostname: hostname.status === "fulfilled" ? hostname.value.messages[0]?.hostname ?? null : null,
        services: serviceList
          .filter((service) => watchedServices.includes(service.id))
          .map((service) => ({ id: service.id, state: service.state, healthy: service.health && !service.health.unknown ? service.health.healthy : null })),
        etcdMembers: etcd.status === "fulfilled" && etcd.value ? (etcd.value.messages[0]?.members ?? []).map((member) => member.hostname) : null,
        talosError: null,
      },
    };
  } catch (error) {
    return { reachable: false, snapshot: { ...empty, talosError: error instanceof Error ? error.message : String(error) } };
  } finally {
    client.close();
  }
};
