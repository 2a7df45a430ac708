import type { Binding } from "./parse-neighbours";

// Whether a request's source address is bound to the device's MAC on this host (docs/security.md).
// bound: the neighbour table (or, without an entry, a live DHCP lease) maps the address to this MAC.
// mismatch: it maps the address to another MAC: someone else is using it.
// unverifiable: nothing maps it (no address, a routed client behind a router or DHCP relay).
export type IdentityVerdict =
  | { status: "bound"; via: "neighbour" | "lease"; reason: string }
  | { status: "mismatch"; via: "neighbour" | "lease"; boundMac: string; reason: string }
  | { status: "unverifiable"; reason: string };

export type IdentityStatus = IdentityVerdict["status"];

type DecideIdentityOptions = {
  mac: string;
  sourceIp: string | null;
  neighbours: readonly Binding[];
  // Only in full-DHCP mode: in proxy mode ktizo hands out no addresses and has no leases.
  leases: readonly Binding[];
};

// The neighbour table wins over a lease: it holds the MAC this host actually exchanges frames with
// for that address now, and a TCP reply to the request goes to that MAC. A lease only says who was
// given the address, and is the fallback when the neighbour entry is gone.
export const decideIdentity = ({ mac, sourceIp, neighbours, leases }: DecideIdentityOptions): IdentityVerdict => {
  if (!sourceIp) return { status: "unverifiable", reason: "the request has no source address" };
  for (const [via, table] of [["neighbour", neighbours], ["lease", leases]] as const) {
    const macs = [...new Set(table.filter((binding) => binding.ip === sourceIp).map((binding) => binding.mac))];
    if (macs.length === 0) continue;
    if (macs.includes(mac) && macs.length === 1) return { status: "bound", via, reason: `${sourceIp} is bound to ${mac} (${via === "neighbour" ? "neighbour table" : "DHCP lease"})` };
    const boundMac = macs.find((other) => other !== mac) ?? macs[0]!;
    const source = via === "neighbour" ? "the neighbour table" : "a DHCP lease";

    return { status: "mismatch", via, boundMac, reason: `${sourceIp} belongs to ${boundMac} in ${source}, not to ${mac}` };
  }

  return { status: "unverifiable", reason: `${sourceIp} is neither in the neighbour table nor in a DHCP lease: a routed client or a DHCP relay` };
};

export const identityChecks = ["strict", "ip-only", "off"] as const;
export type IdentityCheck = (typeof identityChecks)[number];

// What a boot script may do with the verdict under the network setting identityCheck.
// mint: a token bound to the MAC; mint-ip: a token that only this source address may spend;
// refuse: no token (the machine keeps polling and the device page shows the reason).
export type MintPolicy = { kind: "mint" } | { kind: "mint-ip"; ip: string } | { kind: "refuse"; reason: string };

export const mintPolicy = ({ mode, verdict, sourceIp }: { mode: IdentityCheck; verdict: IdentityVerdict | null; sourceIp: string | null }): MintPolicy => {
  if (mode === "off" || !verdict) return { kind: "mint" };
  if (verdict.status === "bound") return { kind: "mint" };
  if (verdict.status === "mismatch") return { kind: "refuse", reason: `identity mismatch: ${verdict.reason}` };
  if (mode === "ip-only" && sourceIp) return { kind: "mint-ip", ip: sourceIp };

  return { kind: "refuse", reason: `identity not verified: ${verdict.reason}` };
};

export type SpendCheck = { ok: true } | { ok: false; reason: "wrong-device" | "wrong-ip" | "unverified"; message: string };

// The download side: the source address must be bound to the device's MAC at that moment (not
// necessarily the address the script was served to: Talos may get another DHCP address than iPXE
// had). A token minted under ip-only may instead be spent from the address it is bound to.
export const checkSpend = ({ mode, verdict, boundIp, sourceIp }: { mode: IdentityCheck; verdict: IdentityVerdict | null; boundIp: string | null; sourceIp: string | null }): SpendCheck => {
  if (mode === "off" || !verdict) return { ok: true };
  if (verdict.status === "mismatch") return { ok: false, reason: "wrong-device", message: `identity mismatch: ${verdict.reason}` };
  if (verdict.status === "bound") return { ok: true };
  if (mode === "ip-only" && boundIp) {
    return boundIp === sourceIp ? { ok: true } : { ok: false, reason: "wrong-ip", message: `token is bound to ${boundIp}, not to ${sourceIp ?? "an unknown address"}` };
  }

  return { ok: false, reason: "unverified", message: `identity not verified: ${verdict.reason}` };
};
