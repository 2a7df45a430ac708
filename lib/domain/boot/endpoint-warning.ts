import { inSubnet, isIpv4, type Subnet } from "@/lib/domain/net/ipv4";

// Talos nodes reach the API server at the cluster endpoint. When that endpoint is a bare IP in
// ktizo's own subnet, some approved control plane must hold it (or the cluster never forms);
// the Devices and Overview pages say so until one does.
export type EndpointWarningOptions = {
  endpoint: string | null;
  subnet: Subnet | null;
  controlPlaneIps: readonly string[];
};

export const endpointHost = (endpoint: string): string | null => {
  try {
    return new URL(endpoint).hostname.replace(/^\[|\]$/g, "");
  } catch {
    return null;
  }
};

export const endpointWarning = ({ endpoint, subnet, controlPlaneIps }: EndpointWarningOptions): string | null => {
  if (!endpoint || !subnet) return null;
  const host = endpointHost(endpoint);
  if (!host || !isIpv4(host) || !inSubnet(host, subnet)) return null;
  if (controlPlaneIps.includes(host)) return null;

  return `No approved control plane holds the cluster endpoint's IP ${host}: approve a control-plane device with IP ${host}.`;
};
