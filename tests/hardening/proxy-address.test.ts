import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { request } from "node:http";
import { createServer } from "node:net";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acquireLock, type HeldLock } from "@/bench/lib/lock";
import { startProcess, type Started } from "@/bench/lib/processes";
import { loginFailureLimit } from "@/lib/domain/login-rate-limit";
import { prisma } from "@/lib/db/client";
import { createAdminToken } from "@/tests/helpers/admin";

// Through the real production server (scripts/web-server.ts on the `next build` output), as a
// client on the network reaches it: X-Forwarded-For decides the recorded address only when the
// socket peer is in KTIZO_TRUSTED_PROXIES, and then the right-most entry that is not a trusted
// proxy wins. Loopback is a /8 on Linux, so 127.0.0.2 plays the trusted proxy and 127.0.0.1 /
// 127.0.0.3 play clients connecting directly. Malformed session cookies never give a 5xx.
const repo = path.resolve(import.meta.dirname, "../..");
const proxyAddress = "127.0.0.2";
let lock: HeldLock | null = null;
let app: Started | null = null;

// A port in this suite's own range (3220-3229), else any free one.
const pickPort = async (): Promise<number> => {
  const tryPort = (port: number) =>
    new Promise<boolean>((resolve) => {
      const server = createServer().once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
    });
  for (let port = 3220; port <= 3229; port += 1) if (await tryPort(port)) return port;

  return 0;
};

type Reply = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

const send = ({ path: target, method = "GET", headers = {}, body, from }: { path: string; method?: string; headers?: Record<string, string>; body?: string; from: string }) =>
  new Promise<Reply>((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: app!.port, path: target, method, headers, localAddress: from }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.once("error", reject);
    req.end(body);
  });

const login = (from: string, headers: Record<string, string>, password = "wrong-password") =>
  send({ path: "/api/auth/login", method: "POST", from, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ username: "admin", password }) });

const lastFailureIp = async () =>
  (await prisma.event.findFirstOrThrow({ where: { type: "auth.login_failed" }, orderBy: { createdAt: "desc" } })).sourceIp;

beforeAll(async () => {
  lock = await acquireLock();
  if (!existsSync(path.join(repo, ".next/BUILD_ID"))) execFileSync("npx", ["next", "build"], { cwd: repo, stdio: "ignore" });
  await createAdminToken("proxy");
  const port = await pickPort();
  const env = {
    NODE_ENV: "production",
    DATABASE_URL: process.env.DATABASE_URL!,
    KTIZO_DATA_DIR: process.env.KTIZO_DATA_DIR!,
    KTIZO_COMPILED_DIR: process.env.KTIZO_COMPILED_DIR!,
    KTIZO_SECRET_KEY: process.env.KTIZO_SECRET_KEY!,
    KTIZO_TRUSTED_PROXIES: `${proxyAddress}/32, 10.200.0.0/16`,
    KTIZO_TRUST_PROXY: "0",
  };
  const { freePort } = await import("@/bench/lib/processes");
  app = await startProcess(["--import", "tsx", path.join(repo, "scripts/web-server.ts")], env, port || (await freePort()), "/api/health");
}, 900_000);

afterAll(async () => {
  await app?.stop();
  lock?.release();
});

describe("the client address through the production server", () => {
  it("a direct client cannot pick its address with X-Forwarded-For", async () => {
    expect((await login("127.0.0.1", { "x-forwarded-for": "203.0.113.9" })).status).toBe(401);
    expect(await lastFailureIp()).toBe("127.0.0.1");
    expect((await login("127.0.0.1", { "x-forwarded-for": "203.0.113.9, 10.200.0.1" })).status).toBe(401);
    expect(await lastFailureIp()).toBe("127.0.0.1");
  });

  it("a trusted proxy's X-Forwarded-For names the client: the right-most entry that is not a trusted proxy", async () => {
    expect((await login(proxyAddress, { "x-forwarded-for": "203.0.113.9, 198.51.100.4" })).status).toBe(401);
    expect(await lastFailureIp()).toBe("198.51.100.4");
    expect((await login(proxyAddress, { "x-forwarded-for": "203.0.113.9, 198.51.100.5, 10.200.3.4" })).status).toBe(401);
    expect(await lastFailureIp()).toBe("198.51.100.5");
    expect((await login(proxyAddress, {})).status).toBe(401);
    expect(await lastFailureIp()).toBe(proxyAddress);
  });

  it("login throttling follows the real address: a spoofed X-Forwarded-For does not reset it", async () => {
    for (let attempt = 0; attempt < loginFailureLimit; attempt += 1) {
      const reply = await login("127.0.0.3", { "x-forwarded-for": `192.0.2.${attempt + 1}` });
      if (reply.status === 429) break;
    }
    expect((await login("127.0.0.3", { "x-forwarded-for": "192.0.2.200" })).status).toBe(429);
    // Another client behind the trusted proxy is not locked out by 127.0.0.3's failures.
    expect((await login(proxyAddress, { "x-forwarded-for": "198.51.100.77" })).status).toBe(401);
  });

  it("X-Forwarded-Proto is believed only from a trusted proxy", async () => {
    const direct = await login("127.0.0.1", { "x-forwarded-proto": "https" }, "admin-password");
    expect(direct.status).toBe(200);
    expect(String(direct.headers["set-cookie"])).not.toMatch(/;\s*Secure/i);
    const proxied = await login(proxyAddress, { "x-forwarded-proto": "https", "x-forwarded-for": "198.51.100.9" }, "admin-password");
    expect(proxied.status).toBe(200);
    expect(String(proxied.headers["set-cookie"])).toMatch(/;\s*Secure/i);
    const event = await prisma.event.findFirstOrThrow({ where: { type: "auth.login" }, orderBy: { createdAt: "desc" } });
    expect(event.sourceIp).toBe("198.51.100.9");
  });
});

describe("malformed session cookies through the production server", () => {
  const adminPaths = ["/", "/devices", "/network", "/api/v1/devices", "/api/v1/events", "/api/v1/network/settings"];
  // Header-safe characters, weighted toward the ones that break naive decoding.
  const cookieChar = fc.constantFrom("%", "%", "=", ";", " ", '"', "\\", ",", "a", "Z", "0", "9", "_", "-", "E", "F", "\u00e9", "\u00ff", "+", "/");
  const cookieValue = fc.string({ unit: cookieChar, maxLength: 60 });
  const cookieHeader = fc.oneof(
    cookieValue.map((value) => `ktizo_session=${value}`),
    fc.tuple(cookieValue, cookieValue).map(([a, b]) => `x=${a}; ktizo_session=${b}`),
    cookieValue,
    fc.constant("ktizo_session=%"),
  );

  it("never give a 5xx: no session (401 for the API, a redirect to /login for pages)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...adminPaths), cookieHeader, async (target, cookie) => {
        const reply = await send({ path: target, from: "127.0.0.1", headers: { cookie } });
        expect(reply.status, `${target} with Cookie: ${cookie}`).toBeLessThan(500);
        if (target.startsWith("/api/")) expect(reply.status).toBe(401);
        else expect([303, 307]).toContain(reply.status);
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it("Cookie: ktizo_session=% on every admin path is no session", async () => {
    for (const target of adminPaths) {
      const reply = await send({ path: target, from: "127.0.0.1", headers: { cookie: "ktizo_session=%" } });
      expect(reply.status, target).toBeLessThan(500);
      if (!target.startsWith("/api/")) expect(String(reply.headers.location)).toMatch(/\/login/);
    }
  });
});
