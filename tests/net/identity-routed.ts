import { randomInt } from "node:crypto";
import { execa } from "execa";
import type { Lan } from "@/tests/net/netns";

// A client one router away from ktizo: a "router" host of the Lan (its lan0 on the bridge) gets a
// second veth into a new "remote" namespace on another random 10.x.y.0/24, forwards between them,
// and ktizo's host routes that subnet through it. ktizo then sees the remote's own address with
// the router's MAC in its neighbour table: the binding cannot be verified.
export type Routed = { ns: string; ip: string; prefix: string; run: (argv: string[]) => ReturnType<typeof execa>; destroy: () => Promise<void> };

export const addRoutedClient = async ({ lan, router, server, mac }: { lan: Lan; router: string; server: string; mac: string }): Promise<Routed> => {
  const routerHost = lan.host(router);
  const ns = `ktz-remote-${lan.suffix}`;
  const prefix = `10.${randomInt(64, 250)}.${randomInt(1, 250)}`;
  const ip = (argv: string[]) => execa("ip", argv);
  await ip(["netns", "add", ns]);
  const destroy = async () => {
    await ip(["netns", "del", ns]).catch(() => undefined);
  };
  try {
    await ip(["-n", routerHost.ns, "link", "add", "wan0", "type", "veth", "peer", "name", "lan0", "address", mac, "netns", ns]);
    await ip(["-n", routerHost.ns, "addr", "add", `${prefix}.1/24`, "dev", "wan0"]);
    await ip(["-n", routerHost.ns, "link", "set", "wan0", "up"]);
    await execa("ip", ["netns", "exec", routerHost.ns, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1"]);
    await ip(["-n", ns, "link", "set", "lo", "up"]);
    await ip(["-n", ns, "addr", "add", `${prefix}.2/24`, "dev", "lan0"]);
    await ip(["-n", ns, "link", "set", "lan0", "up"]);
    await ip(["-n", ns, "route", "add", "default", "via", `${prefix}.1`]);
    await ip(["-n", lan.host(server).ns, "route", "add", `${prefix}.0/24`, "via", routerHost.ip!]);
  } catch (error) {
    await destroy();
    throw error;
  }

  return {
    ns,
    ip: `${prefix}.2`,
    prefix,
    run: (argv) => execa("ip", ["netns", "exec", ns, ...argv], { reject: false, timeout: 30_000 }),
    destroy,
  };
};
