import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as metricsRoute } from "@/app/metrics/route";
import { POST as startImport } from "@/app/api/v1/assets/imports/route";
import { POST as postWebhook } from "@/app/api/v1/webhooks/route";
import { prisma } from "@/lib/db/client";
import { recordEvent } from "@/lib/events/record-event";
import { paths } from "@/lib/paths";
import { adminHeaders, createAdminToken } from "@/tests/helpers/admin";
import { noParams } from "@/tests/helpers/boot-fixtures";
import { parsePrometheusText, valueOf } from "@/tests/helpers/prometheus-text";
import { jsonRequest, segment } from "@/tests/helpers/requests";
import { startReceiver, type Receiver } from "@/tests/helpers/webhook-receiver";
import { readStatus, workerArgv } from "@/tests/net/worker-harness";

// Background work runs in the worker, not in the web process: this file starts the real worker
// (as `npm run worker` does) on this test's database, and nothing in this (web-side) process runs a
// dispatcher or an import. A webhook is delivered and imports run there, woken by the commit of
// the web side; failures are logged with their cause and counted on the web's /metrics.
let worker: ChildProcess;
let output = "";
let token: string;
let receiver: Receiver;
let upstream: Server;
let origin: string;

const waitFor = async <T>(what: string, check: () => Promise<T | null | undefined | false>, ms = 15_000): Promise<T> => {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}; worker output:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

const scrape = async () => parsePrometheusText(await (await metricsRoute(new Request("http://ktizo.test/metrics"), noParams)).text());

beforeAll(async () => {
  token = await createAdminToken();
  receiver = await startReceiver();
  // An upstream that refuses every download: the import must fail in the worker, with its cause.
  upstream = createServer((_req, res) => res.writeHead(500).end("upstream broken"));
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  const [command = "", ...args] = workerArgv();
  worker = spawn(command, args, {
    cwd: path.resolve(import.meta.dirname, "../.."),
    // No dnsmasq config is ever rendered here: the supervisor just waits for one.
    env: { ...process.env, KTIZO_DNSMASQ: "/bin/false", KTIZO_WORKER_HEARTBEAT_MS: "200" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  worker.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  worker.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  // tsx compiles the worker on start: slow on a loaded 2-core machine.
  await waitFor("the worker's first status", async () => readStatus(paths().workerStatusFile).catch(() => null), 90_000);
}, 120_000);

afterAll(async () => {
  if (worker.exitCode === null) {
    const exited = new Promise((resolve) => worker.once("exit", resolve));
    worker.kill("SIGTERM");
    await exited;
  }
  await receiver.close();
  await new Promise((resolve) => upstream.close(resolve));
});

describe("the worker owns background work", () => {
  it("delivers a webhook queued by the web side within about a second, and /metrics counts it", async () => {
    const response = await postWebhook(
      new Request("http://ktizo.test/api/v1/webhooks", { method: "POST", headers: adminHeaders(token), body: JSON.stringify({ name: "w", url: `${receiver.url}/hook`, events: ["device.approved"] }) }),
      noParams,
    );
    expect(response.status).toBe(201);
    const queuedAt = Date.now();
    await recordEvent({ type: "device.approved", actor: { type: "user", id: "u1", name: "admin" }, details: { role: "worker" } });
    await waitFor("the delivery", async () => receiver.requests.length > 0);
    // Woken by the commit (data_version) or at worst the 1 s interval; slack for a loaded machine.
    expect(Date.now() - queuedAt).toBeLessThan(5_000);
    expect(receiver.requests[0]!.headers["x-ktizo-event"]).toBe("device.approved");
    await waitFor("the delivered row", async () => (await prisma.webhookDelivery.findFirst({ where: { status: "delivered" } })) !== null);
    const metrics = await waitFor("the worker's delivery count on /metrics", async () => {
      const parsed = await scrape();

      return valueOf(parsed, "ktizo_webhook_deliveries_total", { result: "delivered" }) >= 1 ? parsed : null;
    });
    expect(valueOf(metrics, "ktizo_worker_job_runs_total", { job: "webhooks" })).toBeGreaterThan(0);
  });

  it("a webhook whose secret no longer decrypts is given up with the cause, not retried silently", async () => {
    const hook = await prisma.webhook.findFirstOrThrow();
    await prisma.webhook.update({ where: { id: hook.id }, data: { secretEnc: "v1:damaged" } });
    await recordEvent({ type: "device.approved", actor: { type: "user", id: "u1", name: "admin" }, details: { role: "worker" } });
    const failed = await waitFor("the failed delivery", async () => prisma.webhookDelivery.findFirst({ where: { status: "failed" } }));
    expect(failed.lastError).toMatch(/webhook secret does not decrypt/);
    // The worker logs before it marks the row, but its stderr reaches this process on a later turn of
    // the event loop than the database read can: wait for the line rather than race it.
    await waitFor("the failure in the worker's log", async () => /delivery \S+ failed: webhook secret does not decrypt/.test(output));
    await waitFor("the failure on /metrics", async () => valueOf(await scrape(), "ktizo_webhook_deliveries_total", { result: "failed" }) >= 1);
  });

  it("runs an import queued by the web side; its failure is logged with the cause and counted", async () => {
    const response = await startImport(jsonRequest("/api/v1/assets/imports", { url: `${origin}/kernel`, talosVersion: "v1.11.6", fileName: "vmlinuz-amd64" }, { headers: adminHeaders(token) }), segment());
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };
    const row = await waitFor("the import to end", async () => {
      const found = await prisma.assetImport.findUnique({ where: { id } });

      return found && (found.status === "failed" || found.status === "done") ? found : null;
    });
    expect(row.status).toBe("failed");
    expect(row.error).toMatch(/500/);
    const status = await waitFor("the job failure in the status file", async () => {
      const current = await readStatus(paths().workerStatusFile);

      return current?.counters?.jobs.find((job) => job.name === "asset-imports" && job.failures >= 1) ? current : null;
    });
    expect(status.counters!.jobs.find((job) => job.name === "asset-imports")!.lastError).toContain(id);
    await waitFor("the job failure in the worker's log", async () => new RegExp(`job asset-imports failed .*asset import ${id} failed: .*500`).test(output));
    expect(valueOf(await scrape(), "ktizo_worker_job_failures_total", { job: "asset-imports" })).toBe(1);
    expect(await prisma.event.count({ where: { type: "asset.import_failed" } })).toBe(1);
  });
});
