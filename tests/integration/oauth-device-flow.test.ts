import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as bootScript } from "@/app/api/v1/boot/ipxe/route";
import { GET as download } from "@/app/api/v1/config/download/route";
import { POST as approveCode } from "@/app/api/v1/device-codes/approve/route";
import { POST as denyCode } from "@/app/api/v1/device-codes/deny/route";
import { POST as lookupCode } from "@/app/api/v1/device-codes/lookup/route";
import { POST as deviceAuthorization } from "@/app/api/v1/oauth/device/route";
import { POST as token } from "@/app/api/v1/oauth/token/route";
import { deleteExpiredDeviceAuthorizations } from "@/lib/data/device-authorizations";
import { prisma } from "@/lib/db/client";
import { talosOauthKernelArgs } from "@/lib/domain/oauth/talos-oauth-args";
import { adminHeaders, createAdminToken } from "@/tests/helpers/admin";
import { machineRequest, noParams, seedNetworkSettings, testHttpBaseUrl } from "@/tests/helpers/boot-fixtures";
import { seedGeneratedCluster } from "@/tests/helpers/seed-cluster-config";
import { OauthFlowError, parseTalosKernelArgs, TalosOauthClient, type Machine } from "@/tests/helpers/talos-oauth-client";

// Console-code approval end to end: a client that polls exactly as Talos does (the helper is
// written from Talos's and golang.org/x/oauth2's code) against the real route handlers and a
// real SQLite database. Time is a fake clock (vi.setSystemTime) so 5 s intervals and 10-minute
// expiries run instantly; the server reads the same clock.
let admin = "";
let clock = Date.parse("2026-03-01T10:00:00Z");
const advance = async (ms: number) => {
  clock += ms;
  vi.setSystemTime(clock);
};

const handlers: Record<string, (req: Request, segment: typeof noParams) => Promise<Response>> = {
  "/api/v1/oauth/device": deviceAuthorization,
  "/api/v1/oauth/token": token,
  "/api/v1/config/download": download,
};

// Routes a request the client builds from the kernel arguments to the route handler, from `ip`.
const transport = (ip: string) => async (req: Request) => {
  const url = new URL(req.url);
  const handler = handlers[url.pathname];
  if (!handler) throw new Error(`no handler for ${url.pathname}`);
  const headers = Object.fromEntries(req.headers.entries());
  const body = req.method === "GET" ? undefined : await req.text();

  return handler(machineRequest(`${url.pathname}${url.search}`, { method: req.method, headers, body, ip }), noParams);
};

const adminPost = (handler: typeof approveCode, path: string, body: unknown) =>
  handler(new Request(`http://ktizo.test${path}`, { method: "POST", headers: adminHeaders(admin), body: JSON.stringify(body) }), noParams);

const talosScriptFor = async (mac: string, ip = "10.42.0.150") => (await bootScript(machineRequest(`/api/v1/boot/ipxe?mac=${mac}`, { ip }), noParams)).text();

const machineA: Machine = { uuid: "4c4c4544-0000-4000-8000-00000000000a", serial: "SN-A-001", mac: "52:54:00:c0:de:0a" };

const clientFor = async (machine: Machine, { ip = "10.42.0.150", onUserCode, pollEverySeconds, sleep }: { ip?: string; onUserCode?: (code: string) => void | Promise<void>; pollEverySeconds?: number; sleep?: (ms: number) => Promise<void> } = {}) =>
  new TalosOauthClient({ args: parseTalosKernelArgs(await talosScriptFor(machine.mac, ip)), machine, send: transport(ip), sleep: sleep ?? advance, now: () => clock, onUserCode, pollEverySeconds });

const rawPoll = (deviceCode: string, { clientId = "ktizo", ip = "10.42.0.150" } = {}) =>
  token(
    machineRequest("/api/v1/oauth/token", {
      method: "POST",
      ip,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "urn:ietf:params:oauth:grant-type:device_code", device_code: deviceCode, client_id: clientId }).toString(),
    }),
    noParams,
  );

const eventsOf = async (type: string) => prisma.event.findMany({ where: { type }, orderBy: { createdAt: "asc" } });

beforeAll(async () => {
  admin = await createAdminToken();
  await seedNetworkSettings();
  await seedGeneratedCluster();
  await prisma.clusterSettings.updateMany({ data: { approvalProof: "console_code" } });
}, 60_000);

beforeEach(async () => {
  clock += 3_600_000;
  vi.setSystemTime(clock);
  await prisma.deviceAuthorization.deleteMany();
  await prisma.device.deleteMany();
  await prisma.event.deleteMany();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("console-code boot script", () => {
  it("carries exactly Talos's talos.config.oauth.* kernel arguments with ktizo's endpoints", async () => {
    const script = await talosScriptFor(machineA.mac);
    const kernel = script.split("\n").find((line) => line.startsWith("kernel "))!.split(" ");
    expect(kernel.filter((word) => word.startsWith("talos.config.oauth."))).toEqual(talosOauthKernelArgs({ httpBaseUrl: testHttpBaseUrl, mac: machineA.mac }));
    expect(kernel.filter((word) => word.startsWith("talos.config.oauth."))).toEqual([
      "talos.config.oauth.client_id=ktizo",
      `talos.config.oauth.device_auth_url=${testHttpBaseUrl}/api/v1/oauth/device?mac=${machineA.mac}`,
      `talos.config.oauth.token_url=${testHttpBaseUrl}/api/v1/oauth/token`,
      "talos.config.oauth.extra_variable=uuid",
      "talos.config.oauth.extra_variable=serial",
      "talos.config.oauth.extra_variable=mac",
    ]);
    // The one-use config token stays: console-code is on top of it.
    expect(parseTalosKernelArgs(script).configUrl).toMatch(new RegExp(`^${testHttpBaseUrl}/api/v1/config/download\\?mac=${machineA.mac}&token=[A-Za-z0-9_-]{43}$`));
    expect((await prisma.device.findUniqueOrThrow({ where: { mac: machineA.mac } })).status).toBe("pending");
  });

  it("a device overridden to token mode gets no oauth arguments (and a pending one waits in iPXE)", async () => {
    await prisma.device.create({ data: { mac: machineA.mac, approvalProof: "token" } });
    expect(await talosScriptFor(machineA.mac)).not.toContain("talos.config");
    await prisma.device.update({ where: { mac: machineA.mac }, data: { status: "approved", role: "worker" } });
    const script = await talosScriptFor(machineA.mac);
    expect(script).toContain("talos.config=");
    expect(script).not.toContain("talos.config.oauth");
  });
});

describe("console-code flow with a Talos-behaving client", () => {
  it("pending → admin approves the code via the API → token → config download with the bearer, once", async () => {
    let code = "";
    let sleeps = 0;
    const client = await clientFor(machineA, {
      onUserCode: (shown) => void (code = shown),
      sleep: async (ms) => {
        sleeps += 1;
        if (sleeps === 2) {
          const lookup = await adminPost(lookupCode, "/api/v1/device-codes/lookup", { code: code.toLowerCase() });
          expect(lookup.status).toBe(200);
          expect(await lookup.json()).toMatchObject({
            device: { mac: machineA.mac, status: "pending" },
            code: { sourceIp: "10.42.0.150", reportedUuid: machineA.uuid, reportedSerial: machineA.serial, reportedMac: machineA.mac, status: "pending" },
            otherPendingCodes: 0,
          });
          const approved = await adminPost(approveCode, "/api/v1/device-codes/approve", { code, role: "worker", hostname: "node-a", ipAddress: "10.42.0.51" });
          expect(approved.status).toBe(200);
        }
        await advance(ms);
      },
    });
    const headers = await client.deviceAuthFlow();
    expect(code).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    expect(headers.Authorization).toMatch(/^Bearer [A-Za-z0-9_-]{43}$/);

    // Pending polls came as x/oauth2's pairs (Basic, then body) and none was answered slow_down.
    const errors = client.polls.map((poll) => `${poll.auth}:${poll.error ?? "token"}`);
    expect(errors.slice(0, 4)).toEqual(["basic:authorization_pending", "params:authorization_pending", "basic:authorization_pending", "params:authorization_pending"]);
    expect(errors.at(-1)).toBe("basic:token");
    expect(errors).not.toContain("basic:slow_down");

    const config = await client.downloadConfig(headers);
    expect(config.status).toBe(200);
    expect(await config.text()).toMatch(/hostname: node-a/);
    const device = await prisma.device.findUniqueOrThrow({ where: { mac: machineA.mac } });
    expect(device).toMatchObject({ status: "approved", role: "worker", hostname: "node-a" });
    expect(device.provisionedAt).not.toBeNull();

    // The bearer token works once.
    await prisma.device.update({ where: { id: device.id }, data: { provisionedAt: null, bootAction: "install" } });
    const again = await client.downloadConfig(headers);
    expect(again.status).toBe(403);
    expect(await again.text()).toMatch(/already used/);

    expect((await eventsOf("device.code_issued")).length).toBe(1);
    expect((await eventsOf("device.code_approved")).length).toBe(1);
    const outbox = await prisma.event.findMany({ where: { type: { in: ["device.code_issued", "device.code_approved"] } } });
    expect(outbox.every((event) => !event.details.includes(code.replace("-", "")))).toBe(true);
  });

  it("a code of a device already approved by MAC completes it without a role", async () => {
    await prisma.device.create({ data: { mac: machineA.mac, status: "approved", role: "controlplane" } });
    const client = await clientFor(machineA, {
      onUserCode: async (code) => {
        expect((await adminPost(approveCode, "/api/v1/device-codes/approve", { code })).status).toBe(200);
      },
    });
    const headers = await client.deviceAuthFlow();
    expect((await client.downloadConfig(headers)).status).toBe(200);
  });

  it("a pending device's code needs a role to approve, says so, and changes nothing", async () => {
    const auth = await (await clientFor(machineA)).deviceAuth();
    const answer = await adminPost(approveCode, "/api/v1/device-codes/approve", { code: auth.user_code });
    expect(answer.status).toBe(422);
    expect(await answer.json()).toMatchObject({ error: { issues: [{ path: "role" }] } });
    expect((await prisma.device.findUniqueOrThrow({ where: { mac: machineA.mac } })).status).toBe("pending");
    expect((await prisma.deviceAuthorization.findFirstOrThrow()).status).toBe("pending");
  });

  it("access_denied when the admin denies the code", async () => {
    const client = await clientFor(machineA, {
      onUserCode: async (code) => {
        expect((await adminPost(denyCode, "/api/v1/device-codes/deny", { code })).status).toBe(200);
      },
    });
    await expect(client.deviceAuthFlow()).rejects.toMatchObject({ code: "access_denied" });
    expect((await eventsOf("device.code_denied")).length).toBe(1);
    expect((await prisma.device.findUniqueOrThrow({ where: { mac: machineA.mac } })).status).toBe("pending");
  });

  it("expired_token after the code's lifetime, with a device.code_expired event; the code no longer approves", async () => {
    const client = await clientFor(machineA);
    const auth = await client.deviceAuth();
    expect(auth).toMatchObject({ expires_in: 600, interval: 5, verification_uri: `${testHttpBaseUrl}/code` });
    await advance(601_000);
    const polled = await rawPoll(auth.device_code);
    expect(polled.status).toBe(400);
    expect(await polled.json()).toMatchObject({ error: "expired_token" });
    expect((await eventsOf("device.code_expired")).length).toBe(1);
    const late = await adminPost(approveCode, "/api/v1/device-codes/approve", { code: auth.user_code, role: "worker" });
    expect(late.status).toBe(404);
    // And the Talos client gives up at its own deadline.
    await expect(client.deviceAccessToken(auth.device_code, auth.interval, clock - 1)).rejects.toBeInstanceOf(OauthFlowError);
  });

  it("slow_down when polling too fast; the interval grows by 5 s and a client obeying it is then fine", async () => {
    let polls = 0;
    const client = await clientFor(machineA, {
      pollEverySeconds: 1,
      sleep: async (ms) => {
        polls += 1;
        if (polls === 3) await prisma.deviceAuthorization.updateMany({ data: { status: "denied" } });
        await advance(ms);
      },
    });
    await expect(client.deviceAuthFlow()).rejects.toMatchObject({ code: "access_denied" });
    const answers = client.polls.map((poll) => `${poll.auth}:${poll.error}`);
    // Immediate poll (pending pair), then 1 s later: slow_down (the probe's repeat echoes it),
    // then the client waits 10 s and is answered normally again.
    expect(answers.slice(0, 4)).toEqual(["basic:authorization_pending", "params:authorization_pending", "basic:slow_down", "params:slow_down"]);
    expect(answers.slice(4)).not.toContain("basic:slow_down");
    expect(answers.at(-1)).toBe("params:access_denied");
    expect((await prisma.deviceAuthorization.findFirstOrThrow()).interval).toBe(10);
  });

  it("a reused device code, a wrong client and a malformed grant are refused and recorded", async () => {
    const client = await clientFor(machineA, {
      onUserCode: async (code) => void (await adminPost(approveCode, "/api/v1/device-codes/approve", { code, role: "worker" })),
    });
    const auth = await client.deviceAuth();
    await adminPost(approveCode, "/api/v1/device-codes/approve", { code: auth.user_code, role: "worker" });
    const first = await rawPoll(auth.device_code);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ token_type: "Bearer", expires_in: 1800 });
    const reused = await rawPoll(auth.device_code);
    expect(await reused.json()).toMatchObject({ error: "invalid_grant" });

    const wrongClient = await rawPoll(auth.device_code, { clientId: "not-ktizo" });
    expect(wrongClient.status).toBe(400);
    expect(await wrongClient.json()).toMatchObject({ error: "invalid_client" });
    const wrongBasic = await token(
      machineRequest("/api/v1/oauth/token", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${Buffer.from("intruder:").toString("base64")}` },
        body: `grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&device_code=${auth.device_code}`,
      }),
      noParams,
    );
    expect(wrongBasic.status).toBe(401);
    expect(wrongBasic.headers.get("www-authenticate")).toMatch(/^Basic/);
    const wrongAuthClient = await deviceAuthorization(
      machineRequest(`/api/v1/oauth/device?mac=${machineA.mac}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "client_id=other" }),
      noParams,
    );
    expect(await wrongAuthClient.json()).toMatchObject({ error: "invalid_client" });
    const badGrant = await token(machineRequest("/api/v1/oauth/token", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "grant_type=password&client_id=ktizo" }), noParams);
    expect(await badGrant.json()).toMatchObject({ error: "unsupported_grant_type" });
    const unknown = await rawPoll("A".repeat(43));
    expect(await unknown.json()).toMatchObject({ error: "invalid_grant" });
    expect((await eventsOf("device.code_refused")).length).toBeGreaterThanOrEqual(5);
  });

  it("the download of a console-code device needs its bearer token, not just the one-use token", async () => {
    await prisma.device.create({ data: { mac: machineA.mac, status: "approved", role: "worker" } });
    const { configUrl } = parseTalosKernelArgs(await talosScriptFor(machineA.mac));
    const response = await transport("10.42.0.150")(new Request(configUrl));
    expect(response.status).toBe(403);
    expect(await response.text()).toMatch(/console code required/);
    const forged = await transport("10.42.0.150")(new Request(configUrl, { headers: { authorization: `Bearer ${"B".repeat(43)}` } }));
    expect(await forged.text()).toMatch(/not valid for this device/);
  });
});

describe("an intruder who knows the MAC", () => {
  it("never gets the approved machine's config, even after the admin approves the machine's code", async () => {
    await prisma.device.create({ data: { mac: machineA.mac, status: "approved", role: "worker", hostname: "node-a" } });
    const intruderMachine: Machine = { uuid: "4c4c4544-0000-4000-8000-0000000000ff", serial: "EVIL", mac: machineA.mac };
    const intruder = await clientFor(intruderMachine, { ip: "10.42.0.66" });
    const real = await clientFor(machineA, { ip: "10.42.0.150" });

    const intruderAuth = await intruder.deviceAuth();
    const realAuth = await real.deviceAuth();
    const lookup = await (await adminPost(lookupCode, "/api/v1/device-codes/lookup", { code: realAuth.user_code })).json();
    // The admin sees that someone else asked a code for this MAC, and from where.
    expect(lookup).toMatchObject({ code: { sourceIp: "10.42.0.150", reportedSerial: "SN-A-001" }, otherPendingCodes: 1 });
    expect((await adminPost(approveCode, "/api/v1/device-codes/approve", { code: realAuth.user_code })).status).toBe(200);

    // The intruder's own code was denied by that approval; it gets no token at all.
    await expect(intruder.deviceAccessToken(intruderAuth.device_code, intruderAuth.interval, clock + 600_000)).rejects.toMatchObject({ code: "access_denied" });
    // Without a bearer, its one-use token (it got its own boot script for the MAC) is not enough.
    const stolenTry = await intruder.downloadConfig({});
    expect(stolenTry.status).toBe(403);
    // The real machine gets its config; the intruder, trying the real machine's device code, gets nothing.
    const headers = { Authorization: `Bearer ${(await real.deviceAccessToken(realAuth.device_code, realAuth.interval, clock + 600_000)).access_token}` };
    expect(await (await rawPoll(realAuth.device_code, { ip: "10.42.0.66" })).json()).toMatchObject({ error: "invalid_grant" });
    expect((await real.downloadConfig(headers)).status).toBe(200);
    expect((await intruder.downloadConfig(headers)).status).toBe(403);
  });
});

describe("abuse limits and admin input", () => {
  it("caps live codes per source IP and refuses unknown or rejected devices", async () => {
    await talosScriptFor(machineA.mac, "10.42.0.77");
    const ask = (mac = machineA.mac) =>
      deviceAuthorization(
        machineRequest(`/api/v1/oauth/device?mac=${mac}`, { method: "POST", ip: "10.42.0.77", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "client_id=ktizo" }),
        noParams,
      );
    const statuses = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await ask()).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    expect(await prisma.deviceAuthorization.count()).toBe(4);
    await advance(601_000);
    expect((await ask("52:54:00:00:00:99")).status).toBe(400);
    await prisma.device.updateMany({ data: { status: "rejected" } });
    expect(await (await ask()).json()).toMatchObject({ error: "access_denied" });
  });

  it("a mistyped code names the field; a code of no waiting device says so", async () => {
    const bad = await adminPost(lookupCode, "/api/v1/device-codes/lookup", { code: "BCDF-GH0K" });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ error: { issues: [{ path: "code" }] } });
    const none = await adminPost(lookupCode, "/api/v1/device-codes/lookup", { code: "BCDF-GHJK" });
    expect(none.status).toBe(404);
    expect((await none.json()).error.message).toMatch(/no device is waiting for this code/);
  });

  it("retention deletes lapsed codes but keeps rows whose access token still lives", async () => {
    const client = await clientFor(machineA);
    const lapsed = await client.deviceAuth();
    const approved = await client.deviceAuth();
    await adminPost(approveCode, "/api/v1/device-codes/approve", { code: approved.user_code, role: "worker" });
    expect((await rawPoll(approved.device_code)).status).toBe(200);
    await advance(601_000);
    expect(await deleteExpiredDeviceAuthorizations(new Date(clock))).toBe(1);
    expect(await prisma.deviceAuthorization.count()).toBe(1);
    await advance(1_800_000);
    expect(await deleteExpiredDeviceAuthorizations(new Date(clock))).toBe(1);
    expect(lapsed.device_code).not.toBe(approved.device_code);
  });
});
