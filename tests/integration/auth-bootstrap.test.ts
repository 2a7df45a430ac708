import { describe, expect, it } from "vitest";
import { GET as listEvents } from "@/app/api/v1/events/route";
import { prisma } from "@/lib/db/client";
import { verifyPassword } from "@/lib/auth/password";
import { bootstrapFromEnv } from "@/lib/services/auth";
import { getRequest, segment } from "@/tests/helpers/requests";

const tokenA = "env-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const tokenB = "env-token-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
const env = (vars: Record<string, string>) => ({ ...vars }) as NodeJS.ProcessEnv;
const callWith = async (token: string) =>
  (await listEvents(getRequest("/api/v1/events", { authorization: `Bearer ${token}` }), segment())).status;

// One file, one database: the cases build on each other in order, like successive starts.
describe("bootstrapFromEnv", () => {
  it("does nothing without variables", async () => {
    expect(await bootstrapFromEnv(env({}))).toEqual({ admin: "not-configured", token: "not-configured", revokedEnvTokens: 0 });
    expect(await prisma.user.count()).toBe(0);
  });

  it.each([
    ["only a user", { KTIZO_ADMIN_USER: "ops" }, /set both KTIZO_ADMIN_USER and KTIZO_ADMIN_PASSWORD/],
    ["a short password", { KTIZO_ADMIN_USER: "ops", KTIZO_ADMIN_PASSWORD: "short" }, /at least 12/],
    ["a bad username", { KTIZO_ADMIN_USER: "o p s", KTIZO_ADMIN_PASSWORD: "long-enough-password" }, /username/],
    ["a token under 32 characters", { KTIZO_API_TOKEN: "too-short" }, /at least 32/],
  ])("fails fast on %s and creates nothing", async (_name, vars, message) => {
    await expect(bootstrapFromEnv(env(vars))).rejects.toThrow(message);
    expect(await prisma.user.count()).toBe(0);
    expect(await prisma.apiToken.count()).toBe(0);
  });

  it("creates the admin and the KTIZO_API_TOKEN token on first start, then changes nothing on later starts", async () => {
    const vars = env({ KTIZO_ADMIN_USER: "ops", KTIZO_ADMIN_PASSWORD: "long-enough-password", KTIZO_API_TOKEN: tokenA });
    expect(await bootstrapFromEnv(vars)).toEqual({ admin: "created", token: "created", revokedEnvTokens: 0 });
    const user = await prisma.user.findUniqueOrThrow({ where: { username: "ops" } });
    expect(await verifyPassword("long-enough-password", user.passwordHash)).toBe(true);
    const token = await prisma.apiToken.findFirstOrThrow();
    expect(token).toMatchObject({ name: "KTIZO_API_TOKEN", origin: "env", prefix: "env-", revokedAt: null });
    expect(token.tokenHash).not.toContain(tokenA);
    expect(await callWith(tokenA)).toBe(200);
    const eventsAfterFirst = await prisma.event.count();

    expect(await bootstrapFromEnv(vars)).toEqual({ admin: "exists", token: "exists", revokedEnvTokens: 0 });
    expect(await bootstrapFromEnv(vars)).toEqual({ admin: "exists", token: "exists", revokedEnvTokens: 0 });
    expect(await prisma.user.count()).toBe(1);
    expect(await prisma.apiToken.count()).toBe(1);
    expect(await prisma.event.count()).toBe(eventsAfterFirst);
  });

  it("never touches an existing admin", async () => {
    await bootstrapFromEnv(env({ KTIZO_ADMIN_USER: "someone-else", KTIZO_ADMIN_PASSWORD: "another-long-password", KTIZO_API_TOKEN: tokenA }));
    expect((await prisma.user.findMany()).map((user) => user.username)).toEqual(["ops"]);
  });

  it("brings back an env token revoked in the UI while the variable still holds it", async () => {
    await prisma.apiToken.updateMany({ data: { revokedAt: new Date() } });
    expect(await callWith(tokenA)).toBe(401);
    expect((await bootstrapFromEnv(env({ KTIZO_API_TOKEN: tokenA }))).token).toBe("reactivated");
    expect(await callWith(tokenA)).toBe(200);
  });

  it("revokes the previous env token when the value changes, and all env tokens when it is unset", async () => {
    expect(await bootstrapFromEnv(env({ KTIZO_API_TOKEN: tokenB }))).toEqual({ admin: "not-configured", token: "created", revokedEnvTokens: 1 });
    expect(await callWith(tokenA)).toBe(401);
    expect(await callWith(tokenB)).toBe(200);
    expect(await prisma.apiToken.count({ where: { name: "KTIZO_API_TOKEN", revokedAt: null } })).toBe(1);

    expect(await bootstrapFromEnv(env({}))).toEqual({ admin: "not-configured", token: "not-configured", revokedEnvTokens: 1 });
    expect(await callWith(tokenB)).toBe(401);
    expect(await prisma.apiToken.count({ where: { revokedAt: null } })).toBe(0);
  });
});
