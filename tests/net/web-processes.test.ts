import { existsSync, readdirSync, readFileSync } from "node:fs";
import { Agent, createServer, request, type IncomingMessage } from "node:http";
import { connect } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acquireLock, type HeldLock } from "@/bench/lib/lock";
import { startProcess, type Started } from "@/bench/lib/processes";
import { prisma } from "@/lib/db/client";
import { adminHeaders, createAdminToken } from "@/tests/helpers/admin";
import { seedNetworkSettings } from "@/tests/helpers/boot-fixtures";
import { seedGeneratedCluster } from "@/tests/helpers/seed-cluster-config";

// The production server (scripts/web-server.ts on the `next build` output) with
// KTIZO_WEB_PROCESSES=2: the primary owns the port and hands each connection, by its first
// request, to the admin process or to one of two machine processes; none holds state another
// needs. A device approved through process A (the admin process) wakes, within 1 s, a held config
// download and a live devices feed (GET /api/v1/devices/changes) that process B (a machine
// process) serves. Each process names itself in `x-ktizo-web-pid` and `x-ktizo-web-role`
// (KTIZO_WEB_PID_HEADER=1, tests only); a keep-alive socket stays with the process it was handed
// to, so a request is steered to A or B by the socket it is sent on.
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

type Sent = { response: IncomingMessage; pid: number; role: string };
const send = ({ agent, path: target, method = "GET", body }: { agent: Agent; path: string; method?: string; body?: unknown }): Promise<Sent> =>
  new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: app!.port, path: target, method, agent, headers: { ...adminHeaders(token), ...(body ? { "content-type": "application/json" } : {}) } }, (response) =>
      resolve({ response, pid: Number(response.headers["x-ktizo-web-pid"]), role: String(response.headers["x-ktizo-web-role"]) }),
    );
    req.once("error", reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
const textOf = (response: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    let text = "";
    response.setEncoding("utf8").on("data", (chunk: string) => (text += chunk)).once("end", () => resolve(text)).once("error", reject);
  });

// One keep-alive socket whose first request is `first` (which decides the process it is handed
// to), pinned to the process with `pid` if given: new sockets until one lands there.
const socketOn = async ({ first, pid = null }: { first: string; pid?: number | null }): Promise<{ agent: Agent; pid: number; role: string }> => {
  for (let attempt = 0; attempt < 40; attempt += 1) {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    agents.push(agent);
    const { response, pid: answered, role } = await send({ agent, path: first });
    await textOf(response);
    if (pid === null || answered === pid) return { agent, pid: answered, role };
    agent.destroy();
  }
  throw new Error(`no connection reached web process ${pid}`);
};

// The nice values of a process's threads (field 19 of /proc/PID/task/TID/stat, after the
// parenthesised command): on Linux each thread has its own.
const nicesOf = (pid: number): Set<number> =>
  new Set(readdirSync(`/proc/${pid}/task`).map((thread) => Number(readFileSync(`/proc/${pid}/task/${thread}/stat`, "utf8").split(") ")[1]!.split(" ")[16])));

// A raw request on a new connection, written in two parts `pauseMs` apart; the answer's status line and role.
const sendInTwoParts = async ({ head, body, pauseMs }: { head: string; body: string; pauseMs: number }): Promise<{ status: string; role: string; mac: string }> => {
  const socket = connect(app!.port, "127.0.0.1");
  await new Promise((resolve, reject) => socket.once("connect", resolve).once("error", reject));
  socket.write(head);
  await new Promise((resolve) => setTimeout(resolve, pauseMs));
  socket.write(body);
  const answer = await new Promise<string>((resolve, reject) => {
    let text = "";
    // A request whose body was lost is never answered: say so instead of waiting for the test's timeout.
    const timer = setTimeout(() => resolve("no answer within 5 s"), 5_000);
    socket.setEncoding("latin1").on("data", (chunk: string) => (text += chunk));
    socket.once("end", () => (clearTimeout(timer), resolve(text))).once("error", reject);
  });
  socket.destroy();

  return { status: answer.split("\r\n")[0]!, role: /x-ktizo-web-role: (\w+)/.exec(answer)?.[1] ?? "", mac: /"mac":"([^"]+)"/.exec(answer)?.[1] ?? "" };
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

describe("two machine web processes and the admin process", () => {
  it("hands each connection by its first request: machine routes to the machine processes, round robin, at nice 10; the rest to the admin process", async () => {
    const machine = await Promise.all(Array.from({ length: 6 }, () => socketOn({ first: "/boot.ipxe" })));
    const admin = await Promise.all(["/api/health", "/login", "/api/v1/devices/rack"].map((first) => socketOn({ first })));
    expect(new Set(machine.map((entry) => entry.role))).toEqual(new Set(["machine"]));
    expect(new Set(admin.map((entry) => entry.role))).toEqual(new Set(["admin"]));
    const machinePids = new Set(machine.map((entry) => entry.pid));
    const adminPids = new Set(admin.map((entry) => entry.pid));
    expect(machinePids.size).toBe(2);
    expect(adminPids.size).toBe(1);
    expect([...machinePids].some((pid) => adminPids.has(pid))).toBe(false);
    // Admin connections in between leave the machines' rotation as it was: they alternate.
    const interleaved: number[] = [];
    for (let n = 0; n < 4; n += 1) {
      interleaved.push((await socketOn({ first: "/boot.ipxe" })).pid);
      expect((await socketOn({ first: "/api/health" })).role).toBe("admin");
    }
    expect(new Set(interleaved).size).toBe(2);
    expect([interleaved[0] !== interleaved[1], interleaved[0] === interleaved[2], interleaved[1] === interleaved[3]]).toEqual([true, true, true]);
    // Every thread, V8's own included (they start before any JavaScript runs).
    for (const pid of machinePids) expect(nicesOf(pid)).toEqual(new Set([10]));
    for (const pid of adminPids) expect(nicesOf(pid)).toEqual(new Set([0]));
    // A later request on a kept-alive connection stays with its process, whatever it asks.
    const later = await send({ agent: machine[0]!.agent, path: "/api/health" });
    await textOf(later.response);
    expect(later.pid).toBe(machine[0]!.pid);
  }, 120_000);

  it("loses no byte in the hand-over: a request whose body comes 300 ms after its head, or whose first line is cut in two, is read whole", async () => {
    // Known devices: registering them again answers 200 with the MAC read from the body, and takes
    // nothing from the registration budget the last test measures.
    await prisma.device.createMany({ data: [{ mac: "52:54:00:ab:00:01", status: "pending" }, { mac: "52:54:00:ab:00:02", status: "pending" }] });
    const request = (mac: string) => {
      const body = JSON.stringify({ mac });

      return `POST /api/v1/devices/register HTTP/1.1\r\nHost: ktizo\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`;
    };
    const first = request("52:54:00:ab:00:01");
    const split = first.indexOf("\r\n\r\n") + 4;
    expect(await sendInTwoParts({ head: first.slice(0, split), body: first.slice(split), pauseMs: 300 })).toEqual({ status: "HTTP/1.1 200 OK", role: "machine", mac: "52:54:00:ab:00:01" });
    // The primary waits for the end of the first line before it decides where the connection goes.
    const second = request("52:54:00:ab:00:02");
    expect(await sendInTwoParts({ head: second.slice(0, 24), body: second.slice(24), pauseMs: 300 })).toEqual({ status: "HTTP/1.1 200 OK", role: "machine", mac: "52:54:00:ab:00:02" });
    // The body right behind its head (0–2 ms), while the primary is handing the socket over: were
    // the primary to go on reading the socket after the first line, such bodies would land in its
    // buffer and be lost (measured: 70 of 300 requests hung without readStop, lib/http/handed-connections.ts).
    const answers = [];
    for (let n = 0; n < 60; n += 1) answers.push(await sendInTwoParts({ head: first.slice(0, split), body: first.slice(split), pauseMs: n % 3 }));
    expect(answers.filter((answer) => answer.status !== "HTTP/1.1 200 OK")).toEqual([]);
  }, 60_000);

  it("an approval through process A wakes a held download and the live devices feed on process B within 1 s", async () => {
    const a = await socketOn({ first: "/api/health" });
    expect(a.role).toBe("admin");
    const onB = await socketOn({ first: "/boot.ipxe" });
    expect(onB.role).toBe("machine");
    const feedSocket = await socketOn({ first: "/boot.ipxe", pid: onB.pid });
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

  it("the per-address registration budget: machines get all of it over the two machine processes; the admin process holds one share more", async () => {
    const outcomes: { status: number; pid: number; role: string }[] = [];
    const register = async (agent: Agent, n: number) => {
      const { response, pid, role } = await send({ agent, path: "/api/v1/devices/register", method: "POST", body: { mac: `52:54:00:a8:00:${n.toString(16).padStart(2, "0")}` } });
      await textOf(response);
      outcomes.push({ status: response.statusCode ?? 0, pid, role });
    };
    // New connections: the primary hands them to the two machine processes in turn.
    for (let n = 0; n < 12; n += 1) await register(new Agent({ keepAlive: false }), n);
    // A client that opens its connection with an admin request has its registrations served by the
    // admin process, which holds one share (1/N) of its own: at most (N + 1)/N of the budget in all.
    const adminSocket = await socketOn({ first: "/api/health" });
    for (let n = 12; n < 18; n += 1) await register(adminSocket.agent, n);
    const admitted = outcomes.filter((outcome) => outcome.status === 201);
    expect(new Set(outcomes.filter((outcome) => outcome.role === "machine").map((outcome) => outcome.pid)).size).toBe(2);
    expect(new Set(outcomes.filter((outcome) => outcome.role === "admin").map((outcome) => outcome.pid)).size).toBe(1);
    // registrationBurst 6: 3 per process (6 / N, N = 2), never 6 per process. The machine processes
    // admit exactly the budget; the admin process one share more.
    const byPid = new Map<number, number>();
    for (const outcome of admitted) byPid.set(outcome.pid, (byPid.get(outcome.pid) ?? 0) + 1);
    expect([...byPid.values()]).toEqual([3, 3, 3]);
    expect(admitted.filter((outcome) => outcome.role === "machine").length).toBe(6);
    expect(admitted.length).toBe(9);
    expect(outcomes.filter((outcome) => outcome.status === 429).length).toBe(9);
    expect(await prisma.device.count({ where: { mac: { startsWith: "52:54:00:a8" } } })).toBe(admitted.length);
  }, 60_000);
});
