import { describe, expect, it } from "vitest";
import type { BootDecision } from "@/lib/domain/boot/decide-boot";
import { isIdentityKey, toldOf } from "@/lib/domain/boot/told";
import type { IdentityVerdict, MintPolicy } from "@/lib/domain/identity/decide-identity";

const talos: BootDecision = { record: "touch", script: "talos", mintToken: true, wipe: false, logServed: true, reason: "approved, not yet provisioned" };
const wipe: BootDecision = { ...talos, wipe: true, reason: "reinstall requested" };
const waiting: BootDecision = { record: "touch", script: "waiting", mintToken: false, wipe: false, logServed: false, reason: "pending approval" };
const mismatch: IdentityVerdict = { status: "mismatch", via: "neighbour", boundMac: "52:54:00:00:00:0b", reason: "10.0.0.2 belongs to 52:54:00:00:00:0b" };
const unverifiable: IdentityVerdict = { status: "unverifiable", reason: "10.0.0.9 is not in the neighbour table" };
const bound: IdentityVerdict = { status: "bound", via: "lease", reason: "10.0.0.1 is leased to it" };
const refuse = (verdict: IdentityVerdict): MintPolicy => ({ kind: "refuse", reason: `identity: ${verdict.reason}` });

describe("toldOf", () => {
  it.each<[string, BootDecision, MintPolicy | null, IdentityVerdict | null, string, boolean]>([
    ["a state answer keys on script and reason", waiting, null, null, "waiting:pending approval", false],
    ["a minted Talos script", talos, { kind: "mint" }, bound, "talos:approved, not yet provisioned", false],
    ["a wipe is part of the key", wipe, { kind: "mint" }, bound, "talos:wipe:reinstall requested", false],
    ["a mismatch refusal names the outcome, not the addresses", talos, refuse(mismatch), mismatch, "not-ready:identity mismatch", true],
    ["an unverified refusal", wipe, refuse(unverifiable), unverifiable, "not-ready:identity unverifiable", true],
    ["a token for one address only", talos, { kind: "mint-ip", ip: "10.9.0.1" }, unverifiable, "talos:approved, not yet provisioned:ip-only", true],
  ])("%s", (_name, decision, policy, verdict, key, byIdentity) => {
    const told = toldOf({ decision, policy, verdict });
    expect(told).toMatchObject({ key, byIdentity });
    expect(isIdentityKey(told.key)).toBe(byIdentity);
  });

  it("a refusal tells not-ready with the policy's reason and no wipe", () => {
    expect(toldOf({ decision: wipe, policy: refuse(mismatch), verdict: mismatch })).toMatchObject({ script: "not-ready", reason: `identity: ${mismatch.reason}`, wipe: false });
  });

  it("two addresses refused for one MAC give one key", () => {
    const other: IdentityVerdict = { ...mismatch, reason: "10.0.0.3 belongs to 52:54:00:00:00:0c" };
    expect(toldOf({ decision: talos, policy: refuse(mismatch), verdict: mismatch }).key).toBe(toldOf({ decision: talos, policy: refuse(other), verdict: other }).key);
  });

  it.each([[null, false], ["exit:provisioned", false], ["talos:approved", false]])("isIdentityKey(%j) → %s", (key, expected) => {
    expect(isIdentityKey(key)).toBe(expected);
  });
});
