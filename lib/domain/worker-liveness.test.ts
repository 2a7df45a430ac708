import { describe, expect, it } from "vitest";
import { describeWorkerStatus } from "@/lib/domain/worker-liveness";
import type { WorkerStatus } from "@/lib/schemas/worker-status";

const now = new Date("2026-11-29T12:00:00.000Z");
const status = (patch: Partial<WorkerStatus>): WorkerStatus => ({
  state: "running",
  reason: null,
  workerPid: 10,
  dnsmasqPid: 11,
  configHash: "a".repeat(64),
  servingLastGood: false,
  lastReloadAt: "2026-11-29T11:59:00.000Z",
  lastError: null,
  restarts: 0,
  startedAt: "2026-11-29T11:00:00.000Z",
  heartbeatAt: "2026-11-29T11:59:58.000Z",
  ...patch,
});

describe("describeWorkerStatus", () => {
  it.each([
    ["running", status({}), "alive", "running", true],
    ["unavailable", status({ state: "unavailable", dnsmasqPid: null, reason: "dnsmasq binary not found" }), "alive", "unavailable", false],
    ["failed", status({ state: "failed", dnsmasqPid: null }), "alive", "failed", false],
    ["waiting for config", status({ state: "waiting-for-config", dnsmasqPid: null }), "alive", "waiting-for-config", false],
    ["heartbeat 16 s old", status({ heartbeatAt: "2026-11-29T11:59:44.000Z" }), "stale", "unknown", false],
    ["heartbeat exactly at the limit", status({ heartbeatAt: "2026-11-29T11:59:45.000Z" }), "alive", "running", true],
    ["stopped cleanly", status({ state: "stopped", dnsmasqPid: null }), "stopped", "stopped", false],
  ] as const)("%s", (_name, file, worker, dnsmasq, running) => {
    const described = describeWorkerStatus({ reading: { kind: "ok", status: file }, now, staleSeconds: 15 });

    expect(described.worker.state).toBe(worker);
    expect(described.dnsmasq.state).toBe(dnsmasq);
    expect(described.dnsmasq.running).toBe(running);
  });

  it("says 'worker not running' when stale, with the age", () => {
    const described = describeWorkerStatus({ reading: { kind: "ok", status: status({ heartbeatAt: "2026-11-29T11:58:00.000Z" }) }, now, staleSeconds: 15 });

    expect(described.worker).toMatchObject({ running: false, message: "worker not running: last heartbeat 120 s ago", heartbeatAgeSeconds: 120 });
  });

  it.each([
    [{ kind: "missing" } as const, "missing"],
    [{ kind: "unreadable", error: "not JSON" } as const, "unreadable"],
  ])("%j", (reading, state) => {
    const described = describeWorkerStatus({ reading, now, staleSeconds: 15 });

    expect(described.worker).toMatchObject({ state, running: false, pid: null });
    expect(described.dnsmasq).toMatchObject({ state: "unknown", running: false, reason: "worker not running" });
  });
});
