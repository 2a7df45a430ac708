import { readFile } from "node:fs/promises";
import { countDevicesByStatus } from "@/lib/data/devices";
import { describeWorkerStatus, type FileReading } from "@/lib/domain/worker-liveness";
import { env } from "@/lib/env";
import { paths } from "@/lib/paths";
import { workerCountersSchema, workerStatusSchema, type SystemStatus, type WorkerCounters } from "@/lib/schemas/worker-status";

// GET /api/v1/status and the dashboard: worker liveness, dnsmasq state, devices by status.
export const getSystemStatus = async (now = new Date()): Promise<SystemStatus> => {
  const [worker, devices] = await Promise.all([getWorkerStatus(now), countDevicesByStatus()]);

  return { ...worker, devices };
};

// Worker liveness and dnsmasq state alone (one file read, no database): what Apply polls while it
// waits for the worker's report.
export const getWorkerStatus = async (now = new Date()): Promise<Pick<SystemStatus, "worker" | "dnsmasq">> =>
  describeWorkerStatus({ reading: await readWorkerStatus(paths().workerStatusFile), now, staleSeconds: env().KTIZO_WORKER_STALE_SECONDS });

// The worker's job and delivery counters as it last published them (for /metrics); zero when the
// worker never wrote a status file.
export const getWorkerCounters = async (): Promise<WorkerCounters> => {
  const reading = await readWorkerStatus(paths().workerStatusFile);

  return reading.kind === "ok" && reading.status.counters ? reading.status.counters : workerCountersSchema.parse({});
};

const readWorkerStatus = async (file: string): Promise<FileReading> => {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { kind: "missing" };

    return { kind: "unreadable", error: (error as Error).message };
  }
  try {
    const parsed = workerStatusSchema.safeParse(JSON.parse(text));

    return parsed.success ? { kind: "ok", status: parsed.data } : { kind: "unreadable", error: "unexpected content" };
  } catch {
    return { kind: "unreadable", error: "not JSON" };
  }
};
