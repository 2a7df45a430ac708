import { describe, expect, it } from "vitest";
import type { SystemStatus } from "@/lib/schemas/worker-status";
import { dnsmasqApplyOutcome } from "./apply-outcome";

const applied = "a".repeat(64);
const previous = "b".repeat(64);
const at = "2026-12-05T10:00:00.000Z";

const aliveWorker: SystemStatus["worker"] = { state: "alive", running: true, message: "worker running", pid: 10, heartbeatAt: at, heartbeatAgeSeconds: 1 };
const dnsmasq = (patch: Partial<SystemStatus["dnsmasq"]>): SystemStatus["dnsmasq"] => ({
  state: "running",
  running: true,
  reason: null,
  pid: 11,
  configHash: applied,
  servingLastGood: false,
  lastReloadAt: at,
  lastError: null,
  restarts: 0,
  ...patch,
});
const refusal = { at, message: "dnsmasq: unknown interface eth9", configHash: applied };

describe("dnsmasqApplyOutcome", () => {
  it.each([
    ["running with the applied config", aliveWorker, dnsmasq({}), { dnsmasq: "running", message: null, servingPrevious: false }],
    ["refused, previous config still served", aliveWorker, dnsmasq({ configHash: previous, servingLastGood: true, lastError: refusal }), { dnsmasq: "refused", message: refusal.message, servingPrevious: true }],
    ["refused, nothing running", aliveWorker, dnsmasq({ state: "failed", running: false, pid: null, configHash: null, lastError: refusal }), { dnsmasq: "refused", message: refusal.message, servingPrevious: false }],
    ["an older refusal is not this apply's", aliveWorker, dnsmasq({ configHash: previous, lastError: { ...refusal, configHash: previous } }), { dnsmasq: "waiting", message: null, servingPrevious: true }],
    ["still on the previous config", aliveWorker, dnsmasq({ configHash: previous }), { dnsmasq: "waiting", message: null, servingPrevious: true }],
    ["dnsmasq missing on the host", aliveWorker, dnsmasq({ state: "unavailable", running: false, pid: null, configHash: null, reason: "dnsmasq not found" }), { dnsmasq: "unavailable", message: "dnsmasq not found", servingPrevious: false }],
    ["no worker", { ...aliveWorker, state: "missing" as const, running: false, message: "the worker has never run" }, dnsmasq({}), { dnsmasq: "unavailable", message: "the worker has never run", servingPrevious: false }],
  ])("%s", (_name, worker, dnsmasqStatus, expected) => {
    expect(dnsmasqApplyOutcome({ status: { worker, dnsmasq: dnsmasqStatus }, configHash: applied })).toEqual(expected);
  });
});
