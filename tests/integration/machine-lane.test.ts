import { Agent, createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startProcess } from "@/bench/lib/processes";
import { leaveMachineLane, machineLaneWaiting, throughMachineLane } from "@/lib/http/machine-lane";

// The machine lane on a real node:http server, as scripts/web-process.ts uses it. Requests inside
// Next interleave at every await, so an admin request let in with hundreds of machine requests
// waits for all of them at each of its steps; the lane keeps all but 16 of them outside.
type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;
let server: Server | null = null;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const repo = path.resolve(import.meta.dirname, "../..");

const freePort = async (): Promise<number> => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));

  return port;
};

const serve = async (handler: Handler): Promise<number> => {
  server = createServer((req, res) => throughMachineLane(req, res, () => void handler(req, res)));
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));

  return (server.address() as AddressInfo).port;
};

const get = (port: number, path: string, { signal, agent }: { signal?: AbortSignal; agent?: Agent } = {}): Promise<{ status: number; body: string; at: number }> =>
  new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, agent: agent ?? false, signal }, (res) => {
      let body = "";
      res.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
      res.once("end", () => resolve({ status: res.statusCode ?? 0, body, at: performance.now() }));
    });
    req.once("error", reject);
    req.end();
  });

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = null;
  expect(machineLaneWaiting()).toBe(0);
});

// Of 200 machine requests sent first, how many were still outstanding when one admin request was
// sent after them, and how many of those were answered before it, by a server in its own process
// (tests/helpers/machine-lane-server.ts).
const machinesAnsweredBeforeAdmin = async (lane: boolean): Promise<{ outstanding: number; before: number }> => {
  const port = await freePort();
  const child = await startProcess(["--import", "tsx", path.join(repo, "tests/helpers/machine-lane-server.ts")], { KTIZO_TEST_LANE: lane ? "on" : "off" }, port, "/health");
  try {
    // The admin's connection is open before the storm (the dashboard already open): what is
    // measured is the request's wait inside the process, not its connection's wait to be accepted.
    const adminAgent = new Agent({ keepAlive: true, maxSockets: 1 });
    await get(port, "/api/v1/devices/rack", { agent: adminAgent });
    const machines = Array.from({ length: 200 }, () => get(port, "/api/v1/boot/ipxe?mac=52:54:00:00:00:01"));
    await sleep(300);
    const sentAt = performance.now();
    const admin = await get(port, "/api/v1/devices/rack", { agent: adminAgent });
    adminAgent.destroy();
    const answered = await Promise.all(machines);
    const outstanding = answered.filter((reply) => reply.at > sentAt);

    return { outstanding: outstanding.length, before: outstanding.filter((reply) => reply.at < admin.at).length };
  } finally {
    await child.stop();
  }
};

describe("machine lane", () => {
  it("lets an admin request through ahead of a queue of machine requests", async () => {
    // Without the lane the admin request interleaves with every machine request inside: most of
    // the 200 end before it (107 to 200 here). With it, only those in the lane's 16 slots come
    // before each of its steps (16 here, 31 at most).
    const without = await machinesAnsweredBeforeAdmin(false);
    const withLane = await machinesAnsweredBeforeAdmin(true);
    expect(without.outstanding).toBeGreaterThan(100);
    // Above the lane's bound below: under a busy CI machine it was 54 once (107-200 idle).
    expect(without.before).toBeGreaterThan(48);
    expect(withLane.outstanding).toBeGreaterThan(100);
    expect(withLane.before).toBeLessThanOrEqual(48);
  });

  it("a request that leaves the lane to wait (a held download) frees its slot", async () => {
    let held = 0;
    const port = await serve(async (req, res) => {
      if (req.url?.includes("hold")) {
        held += 1;
        leaveMachineLane();
        await sleep(1_500);
      }
      res.end("ok");
    });
    const holds = Array.from({ length: 40 }, () => get(port, "/api/v1/config/download?hold=1"));
    await sleep(200);
    const started = performance.now();
    const poll = await get(port, "/api/v1/boot/ipxe?mac=52:54:00:00:00:02");
    expect(held).toBe(40);
    expect(poll.at - started).toBeLessThan(500);
    await Promise.all(holds);
  });

  it("a request that holds its slot (no leave) keeps later machine requests waiting, but not admin ones", async () => {
    const port = await serve(async (_req, res) => {
      await sleep(800);
      res.end("ok");
    });
    const slow = Array.from({ length: 16 }, () => get(port, "/boot.ipxe"));
    await sleep(100);
    const started = performance.now();
    const [machine, admin] = await Promise.all([get(port, "/boot.ipxe"), get(port, "/api/v1/devices")]);
    expect(admin.at - started).toBeLessThan(machine.at - started);
    expect(machine.at - started).toBeGreaterThan(600);
    await Promise.all(slow);
  });

  it("a streamed response frees its slot once its head is written", async () => {
    const port = await serve(async (req, res) => {
      if (req.url?.includes("vmlinuz")) {
        res.writeHead(200, { "content-type": "application/octet-stream" });
        for (let chunk = 0; chunk < 10; chunk += 1) {
          res.write(Buffer.alloc(1024));
          await sleep(100);
        }
      }
      res.end();
    });
    const streams = Array.from({ length: 30 }, () => get(port, "/api/v1/assets/talos/v1.11.6/vmlinuz-amd64"));
    await sleep(150);
    const started = performance.now();
    const poll = await get(port, "/api/v1/boot/ipxe?mac=52:54:00:00:00:03");
    expect(poll.at - started).toBeLessThan(400);
    await Promise.all(streams);
  });

  it("a machine request whose client left while it waited is never handed to Next", async () => {
    let handled = 0;
    const port = await serve(async (_req, res) => {
      handled += 1;
      await sleep(600);
      res.end("ok");
    });
    const slow = Array.from({ length: 16 }, () => get(port, "/boot.ipxe"));
    await sleep(100);
    const abort = new AbortController();
    const gone = Array.from({ length: 10 }, () => get(port, "/boot.ipxe", { signal: abort.signal }).catch(() => null));
    await sleep(100);
    expect(machineLaneWaiting()).toBe(10);
    abort.abort();
    await Promise.all(gone);
    await sleep(50);
    expect(machineLaneWaiting()).toBe(0);
    await Promise.all(slow);
    expect(handled).toBe(16);
    // The slots all came back: a new request goes straight in.
    await get(port, "/boot.ipxe");
    expect(handled).toBe(17);
  });
});
