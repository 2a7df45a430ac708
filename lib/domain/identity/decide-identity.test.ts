import { describe, expect, it } from "vitest";
import { checkSpend, decideIdentity, mintPolicy, type IdentityCheck, type IdentityVerdict } from "./decide-identity";

const A = "02:00:00:00:00:0a";
const B = "02:00:00:00:00:0b";

describe("decideIdentity", () => {
  it.each([
    ["neighbour binds the address to the MAC", "10.0.0.5", [{ ip: "10.0.0.5", mac: A }], [], "bound"],
    ["lease binds it when no neighbour entry exists", "10.0.0.5", [], [{ ip: "10.0.0.5", mac: A }], "bound"],
    ["neighbour names another MAC", "10.0.0.5", [{ ip: "10.0.0.5", mac: B }], [], "mismatch"],
    ["lease names another MAC", "10.0.0.5", [], [{ ip: "10.0.0.5", mac: B }], "mismatch"],
    ["the neighbour table wins over a lease for the same address", "10.0.0.5", [{ ip: "10.0.0.5", mac: B }], [{ ip: "10.0.0.5", mac: A }], "mismatch"],
    ["a live neighbour entry wins over a stale lease of another MAC", "10.0.0.5", [{ ip: "10.0.0.5", mac: A }], [{ ip: "10.0.0.5", mac: B }], "bound"],
    ["two MACs claim the address in the neighbour table", "10.0.0.5", [{ ip: "10.0.0.5", mac: A }, { ip: "10.0.0.5", mac: B }], [], "mismatch"],
    ["other addresses only", "10.0.0.5", [{ ip: "10.0.0.6", mac: A }], [{ ip: "10.0.0.7", mac: A }], "unverifiable"],
    ["no source address", null, [{ ip: "10.0.0.5", mac: A }], [], "unverifiable"],
    ["empty tables (routed client)", "10.9.0.5", [], [], "unverifiable"],
  ] as const)("%s", (_name, sourceIp, neighbours, leases, status) => {
    expect(decideIdentity({ mac: A, sourceIp, neighbours, leases }).status).toBe(status);
  });

  it("says which MAC holds the address on a mismatch", () => {
    expect(decideIdentity({ mac: A, sourceIp: "10.0.0.5", neighbours: [{ ip: "10.0.0.5", mac: B }], leases: [] })).toMatchObject({ boundMac: B, reason: `10.0.0.5 belongs to ${B} in the neighbour table, not to ${A}` });
  });
});

const bound: IdentityVerdict = { status: "bound", via: "neighbour", reason: "r" };
const mismatch: IdentityVerdict = { status: "mismatch", via: "neighbour", boundMac: B, reason: "r" };
const unverifiable: IdentityVerdict = { status: "unverifiable", reason: "r" };

describe("mintPolicy", () => {
  it.each([
    ["strict", bound, "mint"],
    ["strict", mismatch, "refuse"],
    ["strict", unverifiable, "refuse"],
    ["ip-only", bound, "mint"],
    ["ip-only", mismatch, "refuse"],
    ["ip-only", unverifiable, "mint-ip"],
    ["off", mismatch, "mint"],
    ["off", unverifiable, "mint"],
  ] as const)("%s + %o → %s", (mode, verdict, kind) => {
    expect(mintPolicy({ mode: mode as IdentityCheck, verdict, sourceIp: "10.9.0.5" }).kind).toBe(kind);
  });

  it("ip-only binds the token to the requesting address", () => {
    expect(mintPolicy({ mode: "ip-only", verdict: unverifiable, sourceIp: "10.9.0.5" })).toEqual({ kind: "mint-ip", ip: "10.9.0.5" });
    expect(mintPolicy({ mode: "ip-only", verdict: unverifiable, sourceIp: null }).kind).toBe("refuse");
  });
});

describe("checkSpend", () => {
  it.each([
    ["strict", bound, null, "10.0.0.5", true],
    ["strict", mismatch, null, "10.0.0.5", "wrong-device"],
    ["strict", unverifiable, null, "10.0.0.5", "unverified"],
    ["strict", unverifiable, "10.0.0.5", "10.0.0.5", "unverified"],
    ["ip-only", unverifiable, "10.0.0.5", "10.0.0.5", true],
    ["ip-only", unverifiable, "10.0.0.5", "10.0.0.6", "wrong-ip"],
    ["ip-only", unverifiable, null, "10.0.0.6", "unverified"],
    ["ip-only", mismatch, "10.0.0.5", "10.0.0.5", "wrong-device"],
    ["ip-only", bound, "10.0.0.5", "10.0.0.7", true],
    ["off", mismatch, null, "10.0.0.5", true],
  ] as const)("%s %o bound=%s from %s → %s", (mode, verdict, boundIp, sourceIp, expected) => {
    const result = checkSpend({ mode: mode as IdentityCheck, verdict, boundIp, sourceIp });
    expect(result.ok ? true : result.reason).toBe(expected);
  });
});
