import { findClusterEndpoint } from "@/lib/data/cluster-settings";
import { listControlPlaneIps } from "@/lib/data/devices";
import { findServerAddress } from "@/lib/data/network-settings";
import { endpointWarning } from "@/lib/domain/boot/endpoint-warning";
import { subnetOf } from "@/lib/domain/net/ipv4";

// A warning when the cluster endpoint is an IP in our subnet that no approved control plane holds
// (null when there is nothing to warn about): such an endpoint is unreachable once the cluster boots.
export const getEndpointWarning = async (): Promise<string | null> => {
  const [endpoint, server, controlPlaneIps] = await Promise.all([findClusterEndpoint(), findServerAddress(), listControlPlaneIps()]);
  const subnet = server ? subnetOf({ ip: server.serverIp, netmask: server.netmask }) : null;

  return endpointWarning({ endpoint, subnet, controlPlaneIps });
};
