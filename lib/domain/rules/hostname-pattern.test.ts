import { describe, expect, it } from "vitest";
import { checkHostnamePattern, nextHostname, patternPrefix, renderHostname } from "@/lib/domain/rules/hostname-pattern";

const mac = "52:54:00:12:34:56";

describe("nextHostname", () => {
  it.each([
    ["worker-{n}", [], "worker-1"],
    ["worker-{n}", ["worker-1", "worker-2"], "worker-3"],
    ["worker-{n}", ["worker-1", "worker-3"], "worker-2"],
    ["worker-{n}", ["WORKER-1"], "worker-2"],
    ["rack1-{n:3}", ["rack1-001"], "rack1-002"],
    ["node-{mac}", [], "node-525400123456"],
    ["node-{mac}", ["node-525400123456"], null],
    ["w{n}-{mac}", ["w1-525400123456"], "w2-525400123456"],
  ])("%s with %j → %s", (pattern, taken, expected) => {
    expect(nextHostname({ pattern, mac, taken })).toBe(expected);
  });

  it("finds a free name past a long run of taken ones", () => {
    const taken = Array.from({ length: 500 }, (_, i) => `cp-${i + 1}`);
    expect(nextHostname({ pattern: "cp-{n}", mac, taken })).toBe("cp-501");
  });
});

describe("checkHostnamePattern", () => {
  it.each([
    ["worker-{n}", true],
    ["{n}", true],
    ["node-{mac}", true],
    ["rack-{n:2}", true],
    ["worker", false],
    ["worker-{n}-{n}", false],
    ["Worker-{n}", false],
    ["worker_{n}", false],
    ["worker.{n}", false],
    ["-worker-{n}", false],
    ["worker-{n}\nx", false],
    ["worker-{x}", false],
    [`${"a".repeat(63)}{n}`, false],
  ])("%j valid=%s", (pattern, ok) => {
    expect(checkHostnamePattern(pattern).ok).toBe(ok);
  });
});

describe("renderHostname / patternPrefix", () => {
  it("pads and strips", () => {
    expect(renderHostname({ pattern: "r-{n:4}", n: 7, mac })).toBe("r-0007");
    expect(patternPrefix("worker-{n}")).toBe("worker-");
    expect(patternPrefix("{mac}")).toBe("");
  });
});
