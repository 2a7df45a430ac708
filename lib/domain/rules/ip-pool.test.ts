import { describe, expect, it } from "vitest";
import { intToIpv4, ipv4ToInt } from "@/lib/domain/net/ipv4";
import { checkPool, nextFreeIp } from "@/lib/domain/rules/ip-pool";

describe("nextFreeIp", () => {
  it.each([
    ["10.0.0.10", "10.0.0.12", [], "10.0.0.10"],
    ["10.0.0.10", "10.0.0.12", ["10.0.0.10"], "10.0.0.11"],
    ["10.0.0.10", "10.0.0.12", ["10.0.0.10", "10.0.0.11", "10.0.0.12"], null],
    ["10.0.0.10", "10.0.0.12", ["10.0.0.11"], "10.0.0.10"],
    ["10.0.0.254", "10.0.1.2", ["10.0.0.254"], "10.0.1.1"],
    ["10.0.0.5", "10.0.0.5", [], "10.0.0.5"],
    ["10.0.0.9", "10.0.0.5", [], null],
  ])("%s..%s minus %j → %s", (start, end, taken, expected) => {
    expect(nextFreeIp({ start, end, taken })).toBe(expected);
  });

  it("hands out every address of a pool exactly once", () => {
    const taken: string[] = [];
    for (;;) {
      const ip = nextFreeIp({ start: "192.168.1.1", end: "192.168.1.254", taken });
      if (!ip) break;
      taken.push(ip);
    }
    expect(taken).toHaveLength(254);
    expect(new Set(taken).size).toBe(254);
  });
});

describe("checkPool / conversions", () => {
  it("round-trips and validates", () => {
    expect(intToIpv4(ipv4ToInt("203.0.113.77") ?? -1)).toBe("203.0.113.77");
    expect(checkPool("10.0.0.1", "10.0.0.10")).toEqual({ ok: true, size: 10 });
    expect(checkPool("10.0.0.10", "10.0.0.1").ok).toBe(false);
    expect(checkPool("10.0.0.1", "10.2.0.1").ok).toBe(false);
    expect(checkPool("10.0.0.01", "10.0.0.9").ok).toBe(false);
    expect(checkPool("::1", "10.0.0.9").ok).toBe(false);
  });
});
