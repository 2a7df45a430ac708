import { Agent, request } from "node:http";
import { prisma } from "@/lib/db/client";
import { macToHyphen } from "@/lib/domain/mac";
import type { Started } from "./lib/processes";
import { percentile } from "./lib/percentiles";
import { writeResult } from "./lib/report";
import { macOf } from "./lib/seed";

// Registration storm: 5,000 unknown MACs hit the iPXE route at once. Every one must be
// registered exactly once (one pending device, one device.registered event), with zero errors.
// All 5,000 requests are issued at once; the client keeps at most 500 sockets open (below the
// server's listen backlog of 511: 5,000 simultaneous connects overflow the kernel's accept queue and
// get ECONNRESET before the app sees them, which measures the kernel, not ktizo).
const machines = 5000;
const sockets = 500;
const prefix = "52:54:02";

const get = (agent: Agent, url: string): Promise<{ status: number; body: string; ms: number }> =>
  new Promise((resolve) => {
    const started = performance.now();
    const req = request(url, { agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), ms: performance.now() - started }));
    });
    req.on("error", (error) => resolve({ status: 0, body: String(error), ms: performance.now() - started }));
    req.end();
  });

export const registrationStorm = async ({ app }: { app: Started }) => {
  const macs = Array.from({ length: machines }, (_, index) => macOf(index, prefix));
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  const started = performance.now();
  const answers = await Promise.all(macs.map((mac) => get(agent, `${app.url}/api/v1/boot/ipxe?mac=${macToHyphen(mac)}&arch=x86_64`)));
  const totalMs = Math.round(performance.now() - started);
  agent.destroy();

  const errors = answers.filter((answer) => answer.status !== 200 || !answer.body.startsWith("#!ipxe")).length;
  const registered = await prisma.device.count({ where: { mac: { startsWith: prefix } } });
  const pending = await prisma.device.count({ where: { mac: { startsWith: prefix }, status: "pending" } });
  const events = await prisma.event.count({ where: { type: "device.registered", actorName: { startsWith: prefix } } });
  const latencies = answers.map((answer) => answer.ms);
  const firstError = answers.find((answer) => answer.status !== 200)?.body.slice(0, 200) ?? null;

  writeResult("registration-storm", {
    setup: { machines, issuedAtOnce: machines, sockets, route: "GET /api/v1/boot/ipxe (unknown MAC → pending + waiting script)" },
    totalMs,
    rps: Math.round((machines / totalMs) * 1000),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    registered,
    pending,
    registeredEvents: events,
    errors,
    firstError,
    checks: [
      { name: "devices registered", target: `${machines}`, value: registered, pass: registered === machines && pending === machines },
      { name: "device.registered events (exactly once each)", target: `${machines}`, value: events, pass: events === machines },
      { name: "errors", target: "0", value: errors, pass: errors === 0 },
      { name: "time for the storm", target: "reported", value: `${totalMs} ms (p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms)`, pass: true },
    ],
  });
};
