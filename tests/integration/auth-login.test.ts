import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as login } from "@/app/api/auth/login/route";
import { POST as logout } from "@/app/api/auth/logout/route";
import { GET as listEvents } from "@/app/api/v1/events/route";
import { prisma } from "@/lib/db/client";
import { hashToken } from "@/lib/auth/tokens";
import { createFirstAdmin } from "@/lib/services/auth";
import { cookieFrom, formRequest, getRequest, jsonRequest, segment } from "@/tests/helpers/requests";

const admin = { username: "admin", password: "correct-horse-battery" };
const huge = "x".repeat(1024 * 1024 + 10);

beforeAll(async () => {
  await createFirstAdmin(admin);
});

beforeEach(async () => {
  await prisma.event.deleteMany();
  await prisma.session.deleteMany();
});

const countSessions = () => prisma.session.count();

describe("POST /api/auth/login", () => {
  it("opens a DB-backed session: httpOnly SameSite=Lax cookie, only the hash stored, an auth.login event", async () => {
    const response = await login(jsonRequest("/api/auth/login", admin, { ip: "10.1.0.1" }), segment());
    expect(response.status).toBe(200);
    const setCookie = response.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^ktizo_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=60479\d$/);
    const sessionId = cookieFrom(response).split("=")[1] ?? "";
    const session = await prisma.session.findFirstOrThrow();
    expect(session.tokenHash).toBe(hashToken(sessionId));
    expect(session.tokenHash).not.toContain(sessionId);
    expect(session.sourceIp).toBe("10.1.0.1");
    expect((await prisma.event.findMany()).map((event) => [event.type, event.actorName])).toEqual([["auth.login", "admin"]]);

    const authed = await listEvents(getRequest("/api/v1/events", { cookie: cookieFrom(response) }), segment());
    expect(authed.status).toBe(200);
  });

  it("marks the cookie Secure when reached over HTTPS", async () => {
    const req = new Request("https://ktizo.example/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": "10.1.0.2" },
      body: JSON.stringify(admin),
    });
    const response = await login(req, segment());
    expect(response.headers.get("set-cookie")).toContain("; Secure");
  });

  it("redirects a browser form post to a safe `next` path", async () => {
    const ok = await login(formRequest("/api/auth/login", { ...admin, next: "/events?page=2" }), segment());
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe("/events?page=2");
    expect(ok.headers.get("set-cookie")).toContain("ktizo_session=");
    const evil = await login(formRequest("/api/auth/login", { ...admin, next: "//evil.example/x" }), segment());
    expect(evil.headers.get("location")).toBe("/");
  });

  it.each([
    ["wrong password", { username: "admin", password: "wrong-password-123" }, "wrong_password"],
    ["unknown user", { username: "nobody", password: "correct-horse-battery" }, "unknown_user"],
  ])("refuses a %s with 401 and logs auth.login_failed", async (_name, body, reason) => {
    const response = await login(jsonRequest("/api/auth/login", body, { ip: "10.1.0.3" }), segment());
    expect(response.status).toBe(401);
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(await response.json()).toEqual({ error: { code: "unauthorized", message: "invalid username or password" } });
    const events = await prisma.event.findMany();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: "auth.login_failed", sourceIp: "10.1.0.3" });
    expect(JSON.parse(events[0]?.details ?? "{}")).toEqual({ username: body.username, reason });
    expect(events[0]?.details).not.toContain(body.password);
    expect(await countSessions()).toBe(0);
  });

  it("sends a failed browser login back to the form, keeping the username and never the password", async () => {
    const response = await login(formRequest("/api/auth/login", { username: "admin", password: "nope-nope-nope", next: "/tokens" }), segment());
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/login?error=invalid_credentials&username=admin&next=%2Ftokens");
    expect(response.headers.get("location")).not.toContain("nope");
  });

  it.each([
    ["no body", 415, new Request("http://ktizo.test/api/auth/login", { method: "POST" })],
    ["empty JSON body", 400, jsonRequest("/api/auth/login", "")],
    ["malformed JSON", 400, jsonRequest("/api/auth/login", "{username:admin}")],
    ["missing password", 422, jsonRequest("/api/auth/login", { username: "admin" })],
    ["password over 1024 characters", 422, jsonRequest("/api/auth/login", { username: "admin", password: "p".repeat(1025) })],
    ["body over 1 MB", 413, jsonRequest("/api/auth/login", { ...admin, padding: huge })],
  ])("refuses %s with %i, opening no session", async (_name, status, req) => {
    const response = await login(req, segment());
    expect(response.status).toBe(status);
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(await countSessions()).toBe(0);
    expect(await prisma.event.count()).toBe(0);
  });
});

describe("failed-login rate limit (per source IP)", () => {
  const wrong = { username: "admin", password: "wrong-password-123" };

  it("answers 429 with Retry-After after 5 failures in 5 minutes, even for the right password", async () => {
    for (let i = 0; i < 5; i += 1) {
      expect((await login(jsonRequest("/api/auth/login", wrong, { ip: "10.2.0.1" }), segment())).status).toBe(401);
    }
    const limited = await login(jsonRequest("/api/auth/login", admin, { ip: "10.2.0.1" }), segment());
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(290);
    expect(retryAfter).toBeLessThanOrEqual(300);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
    expect(await countSessions()).toBe(0);
    // Refused attempts are not logged, so they do not extend the lockout.
    expect(await prisma.event.count({ where: { type: "auth.login_failed" } })).toBe(5);

    const form = await login(formRequest("/api/auth/login", admin, { ip: "10.2.0.1" }), segment());
    expect(form.headers.get("location")).toBe("/login?error=rate_limited&username=admin");

    // Another address is unaffected.
    expect((await login(jsonRequest("/api/auth/login", admin, { ip: "10.2.0.2" }), segment())).status).toBe(200);

    // Once the failures are older than the window, the address may try again.
    await prisma.event.updateMany({ where: { type: "auth.login_failed" }, data: { createdAt: new Date(Date.now() - 5 * 60 * 1000 - 1000) } });
    expect((await login(jsonRequest("/api/auth/login", admin, { ip: "10.2.0.1" }), segment())).status).toBe(200);
  });

  it("does not count failures from before the address's last successful login", async () => {
    for (let i = 0; i < 4; i += 1) await login(jsonRequest("/api/auth/login", wrong, { ip: "10.2.0.3" }), segment());
    expect((await login(jsonRequest("/api/auth/login", admin, { ip: "10.2.0.3" }), segment())).status).toBe(200);
    for (let i = 0; i < 4; i += 1) {
      expect((await login(jsonRequest("/api/auth/login", wrong, { ip: "10.2.0.3" }), segment())).status).toBe(401);
    }
  });

  it("lets no more than 5 of a parallel burst be checked", async () => {
    const responses = await Promise.all(
      Array.from({ length: 12 }, () => login(jsonRequest("/api/auth/login", wrong, { ip: "10.2.0.4" }), segment())),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(7);
    expect(await prisma.event.count({ where: { type: "auth.login_failed", sourceIp: "10.2.0.4" } })).toBe(5);
  });
});

describe("POST /api/auth/logout", () => {
  it("deletes the session, clears the cookie and logs auth.logout; the old cookie no longer works", async () => {
    const cookie = cookieFrom(await login(jsonRequest("/api/auth/login", admin), segment()));
    const response = await logout(new Request("http://ktizo.test/api/auth/logout", { method: "POST", headers: { cookie } }), segment());
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).toMatch(/^ktizo_session=; .*Max-Age=0/);
    expect(await countSessions()).toBe(0);
    expect(await prisma.event.count({ where: { type: "auth.logout" } })).toBe(1);

    expect((await listEvents(getRequest("/api/v1/events", { cookie }), segment())).status).toBe(401);
    expect((await logout(new Request("http://ktizo.test/api/auth/logout", { method: "POST", headers: { cookie } }), segment())).status).toBe(401);
  });

  it("answers a browser form post with a 303 to /login", async () => {
    const cookie = cookieFrom(await login(jsonRequest("/api/auth/login", admin), segment()));
    const response = await logout(formRequest("/api/auth/logout", {}, { headers: { cookie } }), segment());
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/login");
  });
});
