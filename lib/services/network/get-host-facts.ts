import type { HostInterface } from "@/lib/domain/dnsmasq/suggest-network";
import { env } from "@/lib/env";
import { listHostInterfaces } from "./list-host-interfaces";

export type HostFacts = { interfaces: HostInterface[]; port: number };

// What the Network form prefills from this host: its IPv4 interfaces and the port ktizo listens on
// (for the HTTP base URL).
export const getHostFacts = (): HostFacts => ({ interfaces: listHostInterfaces(), port: env().PORT });
