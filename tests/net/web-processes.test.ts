import { existsSync } from "node:fs";
import { Agent, createServer, request, type IncomingMessage } from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acquireLock, type HeldLock } from "@/bench/lib/lock";
import { startProcess, type Started } from "@/bench/lib/processes";
import { prisma } from "@/lib/db/client";
import { adminHeaders, createAdminToken } from "@/tests/helpers/admin";
import { seedNetworkSettings } from "@/tests/helpers/boot-fixtures";
import { seedGeneratedCluster } from "@/tests/helpers/seed-cluster-config";

// The production server (scripts/web-server.ts on the `next build` output) with
// KTIZO_WEB_PROCESSES=2: two web processes share the port and hold no state the other needs. A
// device approved through process A wakes, within 1 s, a held config download and a live devices
// feed (GET /api/v1/devices/changes) that process B serves. Each process names itself in
// `x-ktizo-web-pid` (KTIZO_WEB_PID_HEADER=1, tests only); a keep-alive socket stays with the
// process that accepted it, so a request is steered to A or B by the socket it is sent on.
const repo = path.resolve(import.meta.dirname, "../..");
let lock: HeldLock | null = null;
let app: Started | null = null;
let token = "";
const agents: Agent[] = [];

// A port in this suite's own range (4200-4299).
const pickPort = async (): Promise<number> => {
  const tryPort = (port: number) =>
    new Promise<boolean>((resolve) => {
      const server = createServer().once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
    });
  for (let port = 4200 + Math.floor(Math.random() * 50); port <= 4299; port += 1) if (await tryPort(port)) return port;
  throw new Error("no free port in 4200-4299");
};

type Sent = { response: IncomingMessage; pid: number };
const send = ({ agent, path: target, method = "GET", body }: { agent: Agent; path: string; method?: string; body?: unknown }): Promise<Sent> =>
  new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: app!.port, path: target, method, agent, headers: { ...adminHeaders(token), ...(body ? { "content-type": "application/json" } : {}) } }, (response) =>
      resolve({ response, pid: Number(response.headers["x-ktizo-web-pid"]) }),
    );
    req.once("error", reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
const textOf = (response: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    let text = "";
    response.setEncoding("utf8").on("data", (chunk: string) => (text += chunk)).once("end", () => resolve(text)).once("error", reject);
  });

// One keep-alive socket pinned to the process with `pid`: new sockets until one lands there.
const socketOn = async (pid: number | null): Promise<{ agent: Agent; pid: number }> => {
  for (let attempt = 0; attempt < 40; attempt += 1) {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    agents.push(agent);
    const { response, pid: answered } = await send({ agent, path: "/api/health" });
    await textOf(response);
    if (pid === null || answered === pid) return { agent, pid: answered };
    agent.destroy();
  }
  throw new Error(`no connection reached web process ${pid}`);
};

beforeAll(async () => {
  // One production build for the whole run; the lock keeps others from rebuilding .next under it.
  lock = await acquireLock();
  if (!existsSync(path.join(repo, ".next/BUILD_ID"))) throw new Error("the production build is missing: run `npx next build` first (npm test does)");
  token = await createAdminToken("web-processes");
  await seedGeneratedCluster();
  await seedNetworkSettings({ allowMacOnlyDownload: true, pendingHoldSeconds: 30, registrationBurst: 6, registrationsPerMinute: 1 });
  const env = {
    NODE_ENV: "production",
    DATABASE_URL: process.env.DATABASE_URL!,
    KTIZO_DATA_DIR: process.env.KTIZO_DATA_DIR!,
    KTIZO_COMPILED_DIR: process.env.KTIZO_COMPILED_DIR!,
    KTIZO_SECRET_KEY: process.env.KTIZO_SECRET_KEY!,
    KTIZO_WEB_PROCESSES: "2",
    KTIZO_WEB_PID_HEADER: "1",
  };
  app = await startProcess(["--import", "tsx", path.join(repo, "scripts/web-server.ts")], env, await pickPort(), "/api/health");
}, 900_000);

afterAll(async () => {
  for (const agent of agents) agent.destroy();
  await app?.stop();
  lock?.release();
});

describe("two web processes", () => {
  it("an approval through process A wakes a held download and the live devices feed on process B within 1 s", async () => {
    const a = await socketOn(null);
    // The health check that ended startProcess was answered by the first child to listen; the
    // second may still be preparing Next (slow on a busy 2-core machine). The primary hands new
    // connections round robin to the children that listen, so keep opening them until one lands
    // on the other child, for at most a minute.
    let onB = await socketOn(null);
    for (const deadline = Date.now() + 60_000; onB.pid === a.pid; ) {
      if (Date.now() > deadline) throw new Error("for a minute every connection reached the same web process");
      await new Promise((resolve) => setTimeout(resolve, 200));
      onB = await socketOn(null);
    }
    const feedSocket = await socketOn(onB.pid);
    expect(new Set([a.pid, onB.pid, feedSocket.pid]).size).toBe(2);

    const device = await prisma.device.create({ data: { mac: "52:54:00:a7:00:01", status: "pending" } });
    // The live feed on B: its headers (and the first event) arrive at once.
    const feed = await send({ agent: feedSocket.agent, path: "/api/v1/devices/changes" });
    expect(feed.pid).toBe(onB.pid);
    expect(feed.response.headers["content-type"]).toMatch(/^text\/event-stream/);
    const events: { at: number; text: string }[] = [];
    feed.response.setEncoding("utf8").on("data", (chunk: string) => events.push({ at: Date.now(), text: chunk }));
    await expect.poll(() => events.some((event) => event.text.includes("event: devices")), { timeout: 10_000 }).toBe(true);

    // The held download on B (a pending device: held until approval).
    const heldStarted = Date.now();
    const held = send({ agent: onB.agent, path: `/api/v1/config/download?mac=${device.mac}` }).then(async (sent) => ({ ...sent, at: Date.now(), text: await textOf(sent.response) }));
    // Let B's hold begin (it answers nothing until approval, so there is no signal to wait for).
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    const before = events.length;
    const approval = await send({ agent: a.agent, path: `/api/v1/devices/${device.id}/approve`, method: "POST", body: { role: "worker" } });
    const approvedAt = Date.now();
    expect(approval.pid).toBe(a.pid);
    expect(approval.response.statusCode, await textOf(approval.response)).toBe(200);

    const download = await held;
    expect(download.pid).toBe(onB.pid);
    expect(download.response.statusCode).toBe(200);
    expect(download.text).toContain("machine:");
    expect(download.at - heldStarted).toBeGreaterThan(1_000);
    expect(download.at - approvedAt).toBeLessThan(1_000);

    await expect.poll(() => events.length > before, { timeout: 1_000, interval: 20 }).toBe(true);
    const woke = events[before]!;
    expect(woke.text).toContain("event: devices");
    expect(woke.at - approvedAt).toBeLessThan(1_000);
    console.info(`[web-processes] approval on ${a.pid}: held download on ${onB.pid} answered after ${download.at - approvedAt} ms, feed event after ${woke.at - approvedAt} ms`);
    feed.response.destroy();
  }, 120_000);

  it("held config downloads leave the machine lane: with more held than its 16 slots, /boot.ipxe still answers at once", async () => {
    // 40 held downloads on new connections: about 20 on each process, more than the lane's 16
    // slots (lib/http/machine-lane.ts). Were a held request to keep its slot, every later machine
    // request on that process would wait for the 30 s hold to end.
    const devices = await Promise.all(
      Array.from({ length: 40 }, (_, n) => prisma.device.create({ data: { mac: `52:54:00:a9:00:${n.toString(16).padStart(2, "0")}`, status: "pending" } })),
    );
    const holdAgents = devices.map(() => new Agent({ keepAlive: false }));
    agents.push(...holdAgents);
    const answered: number[] = [];
    const holds = devices.map((device, n) =>
      send({ agent: holdAgents[n]!, path: `/api/v1/config/download?mac=${device.mac}` }).then(
        () => answered.push(n),
        () => null,
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const probes: { pid: number; ms: number; status: number }[] = [];
    for (let n = 0; n < 6; n += 1) {
      const started = Date.now();
      const { response, pid } = await send({ agent: new Agent({ keepAlive: false }), path: "/boot.ipxe" });
      await textOf(response);
      probes.push({ pid, ms: Date.now() - started, status: response.statusCode ?? 0 });
    }
    expect(answered).toEqual([]);
    expect(new Set(probes.map((probe) => probe.pid)).size).toBe(2);
    for (const probe of probes) {
      expect(probe.status).toBe(200);
      expect(probe.ms).toBeLessThan(3_000);
    }
    for (const agent of holdAgents) agent.destroy();
    await Promise.all(holds);
  }, 60_000);

  it("the per-address registration budget holds for both processes together (each holds 1/N of it)", async () => {
    const outcomes: { status: number; pid: number }[] = [];
    for (let n = 0; n < 12; n += 1) {
      // A new connection each time: the cluster hands them out round-robin.
      const agent = new Agent({ keepAlive: false });
      const { response, pid } = await send({ agent, path: "/api/v1/devices/register", method: "POST", body: { mac: `52:54:00:a8:00:${n.toString(16).padStart(2, "0")}` } });
      await textOf(response);
      outcomes.push({ status: response.statusCode ?? 0, pid });
    }
    const admitted = outcomes.filter((outcome) => outcome.status === 201);
    expect(new Set(outcomes.map((outcome) => outcome.pid)).size).toBe(2);
    expect(outcomes.filter((outcome) => outcome.status === 429).length).toBeGreaterThan(0);
    // registrationBurst 6 in all: 3 per process, never 6 per process.
    expect(admitted.length).toBeLessThanOrEqual(6);
    expect(admitted.length).toBeGreaterThanOrEqual(3);
    expect(await prisma.device.count({ where: { mac: { startsWith: "52:54:00:a8" } } })).toBe(admitted.length);
  }, 60_000);
});
