import type { SystemStatus, WorkerStatus } from "@/lib/schemas/worker-status";

// What the dashboard says about the worker and dnsmasq, from the worker's status file. Pure: the
// caller reads the file and the clock. The worker rewrites the file every few seconds, so a
// heartbeat older than staleSeconds means it is gone (crashed, killed, never restarted) and
// whatever it last wrote about dnsmasq can no longer be trusted.
export type FileReading = { kind: "missing" } | { kind: "unreadable"; error: string } | { kind: "ok"; status: WorkerStatus };

export type DescribeOptions = { reading: FileReading; now: Date; staleSeconds: number };

type Described = Pick<SystemStatus, "worker" | "dnsmasq">;

const unknownDnsmasq: Described["dnsmasq"] = {
  state: "unknown",
  running: false,
  reason: null,
  pid: null,
  configHash: null,
  servingLastGood: false,
  lastReloadAt: null,
  lastError: null,
  restarts: 0,
};

const notRunning = (state: "missing" | "unreadable", message: string): Described => ({
  worker: { state, running: false, message, pid: null, heartbeatAt: null, heartbeatAgeSeconds: null },
  dnsmasq: { ...unknownDnsmasq, reason: "worker not running" },
});

export const describeWorkerStatus = ({ reading, now, staleSeconds }: DescribeOptions): Described => {
  if (reading.kind === "missing") return notRunning("missing", "worker not running: it has never written a status (start it with npm start or npm run worker)");
  if (reading.kind === "unreadable") return notRunning("unreadable", `worker status unreadable: ${reading.error}`);
  const { status } = reading;
  const age = Math.max(0, (now.getTime() - Date.parse(status.heartbeatAt)) / 1000);
  const ageSeconds = Math.round(age * 10) / 10;
  const base = { pid: status.workerPid, heartbeatAt: status.heartbeatAt, heartbeatAgeSeconds: ageSeconds };
  const dnsmasq: Described["dnsmasq"] = {
    state: status.state,
    running: status.state === "running",
    reason: status.reason,
    pid: status.dnsmasqPid,
    configHash: status.configHash,
    servingLastGood: status.servingLastGood,
    lastReloadAt: status.lastReloadAt,
    lastError: status.lastError,
    restarts: status.restarts,
  };
  if (status.state === "stopped") {
    return { worker: { state: "stopped", running: false, message: "worker not running: it was stopped", ...base }, dnsmasq: { ...dnsmasq, running: false } };
  }
  if (age > staleSeconds) {
    const message = `worker not running: last heartbeat ${Math.round(age)} s ago`;

    return { worker: { state: "stale", running: false, message, ...base }, dnsmasq: { ...dnsmasq, state: "unknown", running: false, reason: message } };
  }

  return { worker: { state: "alive", running: true, message: "worker running", ...base }, dnsmasq };
};
