import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as listDeliveries } from "@/app/api/v1/webhooks/[id]/deliveries/route";
import { GET as getWebhook, PUT as putWebhook } from "@/app/api/v1/webhooks/[id]/route";
import { POST as sendTest } from "@/app/api/v1/webhooks/[id]/test/route";
import { GET as listWebhooksRoute, POST as postWebhook } from "@/app/api/v1/webhooks/route";
import { prisma } from "@/lib/db/client";
import { backoffPolicy } from "@/lib/domain/webhooks/backoff";
import { verifySignature } from "@/lib/domain/webhooks/signature";
import { recordEvent } from "@/lib/events/record-event";
import { claimDueDeliveries } from "@/lib/data/webhook-deliveries";
import { createWebhookDispatcher } from "@/lib/webhooks/dispatcher";
import { adminHeaders, createAdminToken } from "@/tests/helpers/admin";
import { noParams } from "@/tests/helpers/boot-fixtures";
import { startReceiver, type ReceivedRequest, type Receiver } from "@/tests/helpers/webhook-receiver";

let token: string;
let receiver: Receiver;
const api = (path: string, method = "GET", body?: unknown) =>
  new Request(`http://ktizo.test${path}`, { method, headers: adminHeaders(token), body: body === undefined ? undefined : JSON.stringify(body) });
const params = (id: string) => ({ params: Promise.resolve({ id }) });

const createWebhook = async (body: Record<string, unknown>) => {
  const response = await postWebhook(api("/api/v1/webhooks", "POST", { name: "hook", url: `${receiver.url}/hook`, ...body }), noParams);
  expect(response.status, await response.clone().text()).toBe(201);

  return (await response.json()) as { id: string; secret: string };
};

// A clock the test moves by hand, so backoff is checked to the millisecond without waiting.
const clock = (start = Date.parse("2026-11-29T12:00:00Z")) => {
  let current = start;

  return { now: () => new Date(current), advance: (ms: number) => (current += ms), at: () => current };
};

const signatureOk = (request: ReceivedRequest, secret: string) =>
  verifySignature({ secret, body: request.body, timestamp: Number(request.headers["x-ktizo-timestamp"]), signature: String(request.headers["x-ktizo-signature"]) });

const approvedEvent = (deviceId: string | null = null) =>
  recordEvent({ type: "device.approved", actor: { type: "user", id: "u1", name: "admin" }, deviceId, details: { role: "worker" } });

beforeAll(async () => {
  token = await createAdminToken();
  receiver = await startReceiver();
});
afterAll(() => receiver.close());
beforeEach(async () => {
  await prisma.webhook.deleteMany();
  await prisma.device.deleteMany();
  receiver.requests.length = 0;
  receiver.setResponder(() => ({ status: 200 }));
});

describe("webhooks API", () => {
  it("answers the secret once, stores it encrypted, never lists it", async () => {
    const created = await createWebhook({ events: ["device.approved", "device.approved"] });
    expect(created.secret).toMatch(/^whsec_/);
    const row = await prisma.webhook.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.secretEnc).not.toContain(created.secret);
    expect(row.events).toEqual(["device.approved"]);
    const fetched = await (await getWebhook(api(`/api/v1/webhooks/${created.id}`), params(created.id))).text();
    const listed = await (await listWebhooksRoute(api("/api/v1/webhooks"), noParams)).text();
    for (const text of [fetched, listed]) expect(text).not.toContain(created.secret);

    const rotated = (await (await putWebhook(api(`/api/v1/webhooks/${created.id}`, "PUT", { rotateSecret: true }), params(created.id))).json()) as { secret: string; events: string[] };
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(created.secret);
    expect(rotated.events).toEqual(["device.approved"]);
  });

  it.each([
    ["an ftp URL", { url: "ftp://127.0.0.1/x", events: ["device.approved"] }],
    ["a URL with a newline", { url: "http://127.0.0.1/x\nHost: evil", events: ["device.approved"] }],
    ["a relative URL", { url: "/hook", events: ["device.approved"] }],
    ["no events", { events: [] }],
    ["an unknown event", { events: ["auth.login"] }],
    ["a short secret", { events: ["device.approved"], secret: "short" }],
  ])("refuses %s with 422 and stores nothing", async (_name, body) => {
    const response = await postWebhook(api("/api/v1/webhooks", "POST", { name: "hook", url: `${receiver.url}/hook`, ...body }), noParams);
    expect(response.status).toBe(422);
    expect(await prisma.webhook.count()).toBe(0);
  });
});

describe("outbox and dispatcher", () => {
  it("enqueues with the event only for enabled, subscribed webhooks, and delivers a signed JSON payload", async () => {
    const hook = await createWebhook({ events: ["device.approved"] });
    await createWebhook({ name: "other", events: ["device.rejected"] });
    await createWebhook({ name: "off", events: ["device.approved"], enabled: false });
    const device = await prisma.device.create({ data: { mac: "52:54:00:00:20:01", hostname: "w1", status: "approved", role: "worker" } });
    await approvedEvent(device.id);
    await recordEvent({ type: "auth.login", actor: { type: "user", id: "u1", name: "admin" } });
    expect(await prisma.webhookDelivery.count()).toBe(1);

    const result = await createWebhookDispatcher({ jitter: () => 0 }).runOnce();
    expect(result).toEqual({ claimed: 1, delivered: 1, retrying: 0, failed: 0, errors: [] });
    const [request] = receiver.requests;
    expect(request?.path).toBe("/hook");
    expect(request?.headers["content-type"]).toBe("application/json");
    expect(request?.headers["x-ktizo-event"]).toBe("device.approved");
    expect(signatureOk(request!, hook.secret)).toBe(true);
    expect(signatureOk(request!, "whsec_wrong")).toBe(false);
    expect(JSON.parse(request!.body)).toMatchObject({ event: "device.approved", actor: { type: "user", name: "admin" }, device: { mac: "52:54:00:00:20:01", hostname: "w1" }, details: { role: "worker" } });
    expect(await prisma.webhookDelivery.findFirstOrThrow()).toMatchObject({ status: "delivered", attempts: 1, lastStatusCode: 200 });
  });

  it("an event rolled back with its transaction leaves no delivery", async () => {
    await createWebhook({ events: ["device.approved"] });
    await expect(
      prisma.$transaction(async (tx) => {
        await recordEvent({ type: "device.approved", actor: { type: "system", name: "ktizo" } }, tx);
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await prisma.webhookDelivery.count()).toBe(0);
  });

  it("retries after 500s with exponential backoff, then delivers", async () => {
    const hook = await createWebhook({ events: ["device.approved"] });
    receiver.setResponder((_request, index) => ({ status: index < 2 ? 500 : 204 }));
    await approvedEvent();
    const time = clock(Date.now());
    const dispatcher = createWebhookDispatcher({ now: time.now, jitter: () => 0 });

    expect((await dispatcher.runOnce()).retrying).toBe(1);
    let row = await prisma.webhookDelivery.findFirstOrThrow();
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500, lastError: "HTTP 500" });
    expect(row.nextAttemptAt.getTime() - time.at()).toBe(backoffPolicy.baseMs);

    time.advance(backoffPolicy.baseMs - 1);
    expect((await dispatcher.runOnce()).claimed).toBe(0);
    time.advance(1);
    expect((await dispatcher.runOnce()).retrying).toBe(1);
    row = await prisma.webhookDelivery.findFirstOrThrow();
    expect(row.nextAttemptAt.getTime() - time.at()).toBe(backoffPolicy.baseMs * 2);

    time.advance(backoffPolicy.baseMs * 2);
    expect((await dispatcher.runOnce()).delivered).toBe(1);
    expect(await prisma.webhookDelivery.findFirstOrThrow()).toMatchObject({ status: "delivered", attempts: 3, lastStatusCode: 204, lastError: null });
    expect(receiver.requests).toHaveLength(3);
    receiver.requests.forEach((request) => expect(signatureOk(request, hook.secret)).toBe(true));
    expect(new Set(receiver.requests.map((request) => request.body)).size).toBe(1);
  });

  it("gives up after the last attempt", async () => {
    await createWebhook({ events: ["device.approved"] });
    receiver.setResponder(() => ({ status: 503 }));
    await approvedEvent();
    const time = clock(Date.now());
    const dispatcher = createWebhookDispatcher({ now: time.now, jitter: () => 0, policy: { ...backoffPolicy, maxAttempts: 2 } });
    await dispatcher.runOnce();
    time.advance(backoffPolicy.baseMs);
    expect((await dispatcher.runOnce()).failed).toBe(1);
    expect(await prisma.webhookDelivery.findFirstOrThrow()).toMatchObject({ status: "failed", attempts: 2, lastStatusCode: 503 });
  });

  it("gives up at once, with the cause, when the webhook secret no longer decrypts", async () => {
    const hook = await createWebhook({ events: ["device.approved"] });
    const { secretEnc } = await prisma.webhook.findUniqueOrThrow({ where: { id: hook.id } });
    // Flip one bit of the sealed bytes ("v1:" + base64(iv | tag | ciphertext)): AES-GCM authentication
    // fails, as it would under another key. (Editing a base64 character instead can land in the
    // padding bits and change nothing.)
    const [version, payload] = secretEnc.split(":");
    const sealed = Buffer.from(payload!, "base64");
    sealed[sealed.length - 1]! ^= 0x01;
    await prisma.webhook.update({ where: { id: hook.id }, data: { secretEnc: `${version}:${sealed.toString("base64")}` } });
    await approvedEvent();
    const dispatcher = createWebhookDispatcher({ jitter: () => 0 });
    expect(await dispatcher.runOnce()).toMatchObject({ claimed: 1, failed: 1, retrying: 0 });
    const delivery = await prisma.webhookDelivery.findFirstOrThrow();
    expect(delivery).toMatchObject({ status: "failed", attempts: 0 });
    expect(delivery.lastError).toMatch(/^webhook secret does not decrypt: /);
    expect(receiver.requests).toHaveLength(0);
    // Nothing is left to retry: the next tick claims nothing.
    expect((await dispatcher.runOnce()).claimed).toBe(0);
  });

  it("never follows a redirect and times out a receiver that hangs", async () => {
    await createWebhook({ events: ["device.approved"] });
    receiver.setResponder((request) =>
      request.path === "/hook" ? { status: 302, headers: { location: `${receiver.url}/elsewhere` } } : { status: 200 },
    );
    await approvedEvent();
    await createWebhookDispatcher({ jitter: () => 0 }).runOnce();
    expect(receiver.requests.map((request) => request.path)).toEqual(["/hook"]);
    expect(await prisma.webhookDelivery.findFirstOrThrow()).toMatchObject({ status: "pending", lastStatusCode: 302 });
    expect((await prisma.webhookDelivery.findFirstOrThrow()).lastError).toMatch(/redirect not followed/);

    await prisma.webhookDelivery.deleteMany();
    receiver.setResponder(() => ({ status: 200, delayMs: 2_000 }));
    await approvedEvent();
    const started = Date.now();
    await createWebhookDispatcher({ jitter: () => 0, timeoutMs: 300 }).runOnce();
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(await prisma.webhookDelivery.findFirstOrThrow()).toMatchObject({ status: "pending", lastStatusCode: null, lastError: "timed out after 300 ms without an answer" });
  });

  it("resumes after a restart: a delivery claimed by a process that died is sent by the next one", async () => {
    const hook = await createWebhook({ events: ["device.approved"] });
    await approvedEvent();
    const time = clock(Date.now());
    // The first process claims the row and dies before sending it.
    expect(await claimDueDeliveries({ now: time.now(), leaseMs: 40_000, limit: 10 })).toHaveLength(1);

    const restarted = createWebhookDispatcher({ now: time.now, jitter: () => 0 });
    expect((await restarted.runOnce()).claimed).toBe(0);
    time.advance(40_000);
    expect((await restarted.runOnce()).delivered).toBe(1);
    expect(receiver.requests).toHaveLength(1);
    expect(signatureOk(receiver.requests[0]!, hook.secret)).toBe(true);
  });

  it("sends each webhook its deliveries one at a time in event order, and two webhooks side by side", async () => {
    await createWebhook({ name: "a", events: ["device.approved"] });
    await createWebhook({ name: "b", url: `${receiver.url}/b`, events: ["device.approved"] });
    const arrived: { path: string; i: number; at: number }[] = [];
    // Every answer takes 150 ms: a second request to the same receiver before that means two in flight.
    receiver.setResponder((request) => {
      arrived.push({ path: request.path, i: (JSON.parse(request.body) as { details: { i: number } }).details.i, at: Date.now() });

      return { status: 200, delayMs: 150 };
    });
    for (let i = 0; i < 4; i += 1) await recordEvent({ type: "device.approved", actor: { type: "system", name: "ktizo" }, details: { i } });
    expect(await createWebhookDispatcher({ jitter: () => 0 }).runOnce()).toMatchObject({ claimed: 8, delivered: 8 });
    const to = (path: string) => arrived.filter((request) => request.path === path);
    for (const path of ["/hook", "/b"]) {
      expect(to(path).map((request) => request.i), path).toEqual([0, 1, 2, 3]);
      const gaps = to(path).slice(1).map((request, k) => request.at - to(path)[k]!.at);
      expect(gaps.every((gap) => gap >= 140), `${path}: ${gaps.join(", ")} ms between requests`).toBe(true);
    }
    // Side by side: the second receiver's first request came before the first one's second.
    expect(to("/b")[0]!.at).toBeLessThan(to("/hook")[1]!.at);
  });

  it("keeps a webhook's later deliveries behind one that failed, until its retry; then all go in order", async () => {
    await createWebhook({ events: ["device.approved"] });
    receiver.setResponder((_request, index) => ({ status: index === 0 ? 500 : 200 }));
    for (let i = 0; i < 3; i += 1) await recordEvent({ type: "device.approved", actor: { type: "system", name: "ktizo" }, details: { i } });
    const time = clock(Date.now());
    const dispatcher = createWebhookDispatcher({ now: time.now, jitter: () => 0 });
    expect(await dispatcher.runOnce()).toMatchObject({ claimed: 3, retrying: 1, delivered: 0 });
    expect((await dispatcher.runOnce()).claimed).toBe(0);
    time.advance(backoffPolicy.baseMs);
    expect(await dispatcher.runOnce()).toMatchObject({ claimed: 3, delivered: 3 });
    expect(receiver.requests.map((request) => (JSON.parse(request.body) as { details: { i: number } }).details.i)).toEqual([0, 0, 1, 2]);
  });

  it("loses no delivery when every tick runs in a fresh dispatcher and the receiver fails half the time", async () => {
    await createWebhook({ name: "a", events: ["device.approved", "device.rejected"] });
    await createWebhook({ name: "b", url: `${receiver.url}/b`, events: ["device.approved"] });
    const firstSeen = new Set<string>();
    // Every delivery fails on its first attempt, and every third request fails regardless.
    receiver.setResponder((request, index) => {
      const id = String(request.headers["x-ktizo-delivery"]);
      const first = !firstSeen.has(id);
      firstSeen.add(id);

      return { status: first || index % 3 === 0 ? 500 : 200 };
    });
    for (let i = 0; i < 15; i += 1) {
      await recordEvent({ type: i % 2 ? "device.rejected" : "device.approved", actor: { type: "system", name: "ktizo" }, details: { i } });
    }
    const expected = await prisma.webhookDelivery.count();
    expect(expected).toBe(15 + 8);
    const time = clock(Date.now());
    for (let tick = 0; tick < 40 && (await prisma.webhookDelivery.count({ where: { status: "pending" } })) > 0; tick += 1) {
      await createWebhookDispatcher({ now: time.now, jitter: () => 0, batchSize: 7 }).runOnce();
      time.advance(backoffPolicy.capMs);
    }
    expect(await prisma.webhookDelivery.count({ where: { status: "delivered" } })).toBe(expected);
    // Every delivery reached the receiver, most of them after at least one failed attempt.
    expect(new Set(receiver.requests.map((request) => String(request.headers["x-ktizo-delivery"]))).size).toBe(expected);
    expect(receiver.requests.length).toBeGreaterThan(expected * 2);
  });
});

describe("send test and the delivery log", () => {
  it("sends webhook.test at once and lists it", async () => {
    const hook = await createWebhook({ events: ["settings.applied"] });
    const response = await sendTest(api(`/api/v1/webhooks/${hook.id}/test`, "POST"), params(hook.id));
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ event: "webhook.test", status: "delivered", lastStatusCode: 200, attempts: 1 });
    expect(receiver.requests[0]?.headers["x-ktizo-event"]).toBe("webhook.test");
    expect(signatureOk(receiver.requests[0]!, hook.secret)).toBe(true);

    const log = (await (await listDeliveries(api(`/api/v1/webhooks/${hook.id}/deliveries?status=delivered`), params(hook.id))).json()) as { total: number; items: { event: string }[] };
    expect(log.total).toBe(1);
    expect(log.items[0]?.event).toBe("webhook.test");
    expect((await listDeliveries(api(`/api/v1/webhooks/${hook.id}/deliveries?status=bogus`), params(hook.id))).status).toBe(422);
    expect((await sendTest(api("/api/v1/webhooks/nope/test", "POST"), params("nope"))).status).toBe(404);
  });
});
