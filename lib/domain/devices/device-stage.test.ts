import { describe, expect, it } from "vitest";
import { deviceStage } from "./device-stage";

const t0 = new Date("2026-12-05T10:00:00Z");
const later = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

describe("deviceStage", () => {
  it.each([
    ["pending", { status: "pending", scriptServed: false, provisionedAt: null, lastSeenAt: t0 }, "pending"],
    ["rejected, even with an old token", { status: "rejected", scriptServed: true, provisionedAt: null, lastSeenAt: t0 }, "rejected"],
    ["approved, not booted since", { status: "approved", scriptServed: false, provisionedAt: null, lastSeenAt: t0 }, "approved"],
    ["approved and served Talos", { status: "approved", scriptServed: true, provisionedAt: null, lastSeenAt: t0 }, "booting"],
    ["config downloaded, same boot", { status: "approved", scriptServed: true, provisionedAt: t0, lastSeenAt: later(30) }, "downloaded"],
    ["PXE-booted again after the download", { status: "approved", scriptServed: false, provisionedAt: t0, lastSeenAt: later(300) }, "installed"],
  ])("%s", (_name, facts, expected) => {
    expect(deviceStage(facts)).toBe(expected);
  });
});
