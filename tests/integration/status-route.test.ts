import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/status/route";
import { prisma } from "@/lib/db/client";
import { paths } from "@/lib/paths";
import { systemStatusSchema, type WorkerStatus } from "@/lib/schemas/worker-status";
import { adminHeaders, createAdminToken } from "@/tests/helpers/admin";
import { getRequest, segment } from "@/tests/helpers/requests";

// GET /api/v1/status against a status file written the way the worker writes it.
const file = () => paths().workerStatusFile;
const workerStatus = (patch: Partial<WorkerStatus>): WorkerStatus => ({
  state: "running",
  reason: null,
  workerPid: 4242,
  dnsmasqPid: 4243,
  configHash: "b".repeat(64),
  servingLastGood: false,
  lastReloadAt: new Date().toISOString(),
  lastError: null,
  restarts: 0,
  startedAt: new Date().toISOString(),
  heartbeatAt: new Date().toISOString(),
  ...patch,
});

let token: string;
const getStatus = async () => {
  const response = await GET(getRequest("/api/v1/status", adminHeaders(token)), segment());

  return { response, body: systemStatusSchema.parse(await response.json()) };
};

beforeAll(async () => {
  token = await createAdminToken();
  await prisma.device.createMany({
    data: [
      { mac: "02:00:00:00:01:01", status: "pending" },
      { mac: "02:00:00:00:01:02", status: "pending" },
      { mac: "02:00:00:00:01:03", status: "approved" },
    ],
  });
});

beforeEach(async () => {
  await mkdir(path.dirname(file()), { recursive: true });
  await rm(file(), { force: true });
});

describe("GET /api/v1/status", () => {
  it("requires an admin", async () => {
    const response = await GET(getRequest("/api/v1/status"), segment());

    expect(response.status).toBe(401);
  });

  it("counts devices by status", async () => {
    const { body } = await getStatus();

    expect(body.devices).toEqual({ pending: 2, approved: 1, rejected: 0, total: 3 });
  });

  it.each([
    ["running", workerStatus({}), "alive", "running", 4243],
    ["unavailable", workerStatus({ state: "unavailable", dnsmasqPid: null, reason: "dnsmasq binary not found: /x" }), "alive", "unavailable", null],
    ["failed", workerStatus({ state: "failed", dnsmasqPid: null, reason: "dnsmasq failed 5 times within 60 s" }), "alive", "failed", null],
    ["stale", workerStatus({ heartbeatAt: new Date(Date.now() - 60_000).toISOString() }), "stale", "unknown", 4243],
  ] as const)("reflects a %s worker", async (_name, written, worker, dnsmasq, pid) => {
    await writeFile(file(), JSON.stringify(written));
    const { response, body } = await getStatus();

    expect(response.status).toBe(200);
    expect(body.worker.state).toBe(worker);
    expect(body.dnsmasq.state).toBe(dnsmasq);
    expect(body.dnsmasq.pid).toBe(pid);
    if (worker === "stale") expect(body.worker.message).toMatch(/^worker not running: last heartbeat 6\d s ago$/);
    if (dnsmasq !== "running" && dnsmasq !== "unknown") expect(body.dnsmasq.reason).toBe(written.reason);
  });

  it("says the worker is not running when there is no status file", async () => {
    const { body } = await getStatus();

    expect(body.worker).toMatchObject({ state: "missing", running: false });
    expect(body.worker.message).toMatch(/^worker not running/);
  });

  it("does not trust a file it cannot parse", async () => {
    await writeFile(file(), JSON.stringify({ state: "running", dnsmasqPid: "1; rm -rf /" }));
    const { body } = await getStatus();

    expect(body.worker.state).toBe("unreadable");
    expect(body.dnsmasq.running).toBe(false);
  });
});
