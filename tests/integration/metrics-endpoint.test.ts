import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as bootScript } from "@/app/api/v1/boot/ipxe/route";
import { GET as download } from "@/app/api/v1/config/download/route";
import { POST as approve } from "@/app/api/v1/devices/[id]/approve/route";
import { POST as register } from "@/app/api/v1/devices/register/route";
import { POST as postWebhook } from "@/app/api/v1/webhooks/route";
import { GET as scrape } from "@/app/metrics/route";
import { prisma } from "@/lib/db/client";
import { paths } from "@/lib/paths";
import { createWebhookDispatcher } from "@/lib/webhooks/dispatcher";
import { adminHeaders, createAdminToken } from "@/tests/helpers/admin";
import { machineRequest, noParams } from "@/tests/helpers/boot-fixtures";
import { parsePrometheusText, valueOf, type ParsedMetrics } from "@/tests/helpers/prometheus-text";
import { startReceiver, type Receiver } from "@/tests/helpers/webhook-receiver";

// Read lazily by env() on the first request, so setting it here (before any request) takes effect.
const metricsToken = "metrics-token-0123456789";
process.env.KTIZO_METRICS_TOKEN = metricsToken;

let token: string;
let receiver: Receiver;

const read = async (): Promise<ParsedMetrics> => {
  const response = await scrape(new Request("http://ktizo.test/metrics", { headers: { authorization: `Bearer ${metricsToken}` } }), noParams);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);

  return parsePrometheusText(await response.text());
};

const registerMac = (mac: string) =>
  register(machineRequest("/api/v1/devices/register", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ mac }) }), noParams);

beforeAll(async () => {
  token = await createAdminToken();
  receiver = await startReceiver();
});
afterAll(() => receiver.close());

describe("GET /metrics", () => {
  it("asks for the bearer token when KTIZO_METRICS_TOKEN is set", async () => {
    for (const authorization of [undefined, "Bearer wrong-token-0123456789", `Basic ${metricsToken}`]) {
      const headers: Record<string, string> = authorization ? { authorization } : {};
      const response = await scrape(new Request("http://ktizo.test/metrics", { headers }), noParams);
      expect(response.status).toBe(401);
      expect(await response.text()).not.toContain("ktizo_");
    }
  });

  it("parses as Prometheus text and declares every ktizo family", async () => {
    const parsed = await read();
    for (const family of ["ktizo_http_requests_total", "ktizo_http_request_duration_seconds", "ktizo_ipxe_scripts_total", "ktizo_config_downloads_total", "ktizo_config_refusals_total", "ktizo_identity_mismatches_total", "ktizo_device_approval_seconds", "ktizo_webhook_deliveries_total", "ktizo_devices", "ktizo_webhook_outbox", "ktizo_worker_up", "ktizo_dnsmasq_state"]) {
      expect(parsed.types.has(family), family).toBe(true);
    }
  });

  it("counters and gauges move with the actions that drive them", async () => {
    const before = await read();
    const hook = (await (await postWebhook(
      new Request("http://ktizo.test/api/v1/webhooks", { method: "POST", headers: adminHeaders(token), body: JSON.stringify({ name: "m", url: `${receiver.url}/m`, events: ["device.registered"] }) }),
      noParams,
    )).json()) as { id: string };
    expect(hook.id).toBeTruthy();

    expect((await registerMac("52:54:00:00:30:01")).status).toBe(201);
    expect((await bootScript(machineRequest("/api/v1/boot/ipxe?mac=52-54-00-00-30-01"), noParams)).status).toBe(200);
    expect((await download(machineRequest("/api/v1/config/download?mac=52:54:00:00:30:99"), noParams)).status).toBe(403);
    const device = await prisma.device.findUniqueOrThrow({ where: { mac: "52:54:00:00:30:01" } });
    const approved = await approve(
      new Request(`http://ktizo.test/api/v1/devices/${device.id}/approve`, { method: "POST", headers: adminHeaders(token), body: JSON.stringify({ role: "worker" }) }),
      { params: Promise.resolve({ id: device.id }) },
    );
    expect(approved.status).toBe(200);
    const pendingOutbox = await read();
    await createWebhookDispatcher({ jitter: () => 0 }).runOnce();
    const after = await read();

    const delta = (name: string, labels: Record<string, string> = {}) => valueOf(after, name, labels) - valueOf(before, name, labels);
    expect(delta("ktizo_http_requests_total", { route: "/api/v1/devices/register", method: "POST", status: "201" })).toBe(1);
    expect(delta("ktizo_http_requests_total", { route: "/api/v1/devices/{id}/approve", method: "POST", status: "200" })).toBe(1);
    expect(delta("ktizo_http_request_duration_seconds_count", { route: "/api/v1/boot/ipxe", status: "200" })).toBe(1);
    expect(delta("ktizo_ipxe_scripts_total", { kind: "waiting" })).toBe(1);
    expect(delta("ktizo_config_downloads_total", { result: "refused" })).toBe(1);
    expect(delta("ktizo_device_approval_seconds_count", { actor: "token" })).toBe(1);
    // Registrations: ours and the unknown MAC the refused download registered.
    expect(valueOf(pendingOutbox, "ktizo_webhook_outbox", { status: "pending" })).toBe(2);
    expect(delta("ktizo_webhook_deliveries_total", { result: "delivered" })).toBe(2);
    expect(valueOf(after, "ktizo_webhook_outbox", { status: "delivered" })).toBe(2);
    expect(valueOf(after, "ktizo_devices", { status: "approved" })).toBe(1);
    expect(valueOf(after, "ktizo_devices", { status: "pending" })).toBe(1);
    expect(receiver.requests).toHaveLength(2);
  });

  it("reports the worker and dnsmasq from the worker status file", async () => {
    const file = paths().workerStatusFile;
    await rm(file, { force: true });
    let parsed = await read();
    expect(valueOf(parsed, "ktizo_worker_up")).toBe(0);
    expect(valueOf(parsed, "ktizo_dnsmasq_state", { state: "unknown" })).toBe(1);

    const now = new Date().toISOString();
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify({
      state: "running", reason: null, workerPid: process.pid, dnsmasqPid: 4242, configHash: null, servingLastGood: false,
      lastReloadAt: now, lastError: null, restarts: 3, startedAt: now, heartbeatAt: now,
    }));
    parsed = await read();
    expect(valueOf(parsed, "ktizo_worker_up")).toBe(1);
    expect(valueOf(parsed, "ktizo_dnsmasq_state", { state: "running" })).toBe(1);
    expect(valueOf(parsed, "ktizo_dnsmasq_state", { state: "unknown" })).toBe(0);
    expect(valueOf(parsed, "ktizo_dnsmasq_restarts")).toBe(3);
  });
});
