import { networkInterfaces } from "node:os";
import type { HostInterface } from "@/lib/domain/dnsmasq/suggest-network";

// The host's IPv4 interfaces (loopback left out): what the Network page offers to serve PXE on.
export const listHostInterfaces = (): HostInterface[] =>
  Object.entries(networkInterfaces()).flatMap(([name, addresses]) =>
    (addresses ?? [])
      .filter((address) => address.family === "IPv4" && !address.internal)
      .map((address) => ({ name, address: address.address, netmask: address.netmask, prefixLength: Number(address.cidr?.split("/")[1] ?? 0) })),
  );
