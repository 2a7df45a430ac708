import { beforeAll, describe, expect, it } from "vitest";
import { DELETE as revoke } from "@/app/api/v1/tokens/[id]/route";
import { GET as list, POST as create } from "@/app/api/v1/tokens/route";
import { GET as listEvents } from "@/app/api/v1/events/route";
import { prisma } from "@/lib/db/client";
import { hashToken } from "@/lib/auth/tokens";
import type { ApiTokenJson } from "@/lib/schemas/token";
import { createAdminToken } from "@/tests/helpers/admin";
import { getRequest, jsonRequest, segment } from "@/tests/helpers/requests";

let adminToken = "";
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  adminToken = await createAdminToken("seed");
});

const createToken = async (name: string) => {
  const response = await create(jsonRequest("/api/v1/tokens", { name }, { headers: bearer(adminToken) }), segment());
  expect(response.status).toBe(201);

  return (await response.json()) as ApiTokenJson & { token: string };
};

const revokeRequest = (id: string, token = adminToken) =>
  revoke(new Request(`http://ktizo.test/api/v1/tokens/${id}`, { method: "DELETE", headers: bearer(token) }), segment({ id }));

describe("API tokens", () => {
  // Made with a bearer token, so no user is recorded as its creator.
  it("creates a token shown once, stored only as a hash, with a token.created event", async () => {
    const created = await createToken("terraform");
    expect(created.token).toMatch(/^ktz_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ name: "terraform", origin: "ui", createdBy: null, revokedAt: null, lastUsedAt: null });
    expect(created.prefix).toBe(created.token.slice(0, 12));

    const row = await prisma.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.tokenHash).toBe(hashToken(created.token));
    const event = await prisma.event.findFirstOrThrow({ where: { type: "token.created" }, orderBy: { createdAt: "desc" } });
    expect(JSON.parse(event.details)).toMatchObject({ tokenId: created.id, name: "terraform" });
    expect(event.details).not.toContain(created.token);

    const listing = await list(getRequest("/api/v1/tokens", bearer(adminToken)), segment());
    const text = await listing.text();
    expect(text).not.toContain(created.token);
    expect(text).not.toContain(row.tokenHash);
    const page = JSON.parse(text) as { items: ApiTokenJson[]; total: number; page: number; pageSize: number };
    expect(page).toMatchObject({ total: 2, page: 1, pageSize: 50 });
    expect(page.items.map((item) => item.name)).toEqual(["terraform", "seed"]);
  });

  it("accepts the new token as a bearer token and records its last use", async () => {
    const created = await createToken("ci");
    const response = await listEvents(getRequest("/api/v1/events", bearer(created.token)), segment());
    expect(response.status).toBe(200);
    const row = await prisma.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.lastUsedAt).not.toBeNull();
  });

  it("revokes a token: 200, token.revoked event, and the token then gets 401", async () => {
    const created = await createToken("short-lived");
    expect((await listEvents(getRequest("/api/v1/events", bearer(created.token)), segment())).status).toBe(200);

    const response = await revokeRequest(created.id);
    expect(response.status).toBe(200);
    const body = (await response.json()) as ApiTokenJson;
    expect(body.revokedAt).not.toBeNull();
    expect(await prisma.event.count({ where: { type: "token.revoked" } })).toBe(1);

    const refused = await listEvents(getRequest("/api/v1/events", bearer(created.token)), segment());
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ error: { code: "unauthorized", message: "login or API token required" } });

    // Revoking again changes nothing and logs nothing new.
    expect((await revokeRequest(created.id)).status).toBe(200);
    expect(await prisma.event.count({ where: { type: "token.revoked" } })).toBe(1);

    // Revoked tokens stay listed, after the active ones.
    const listing = (await (await list(getRequest("/api/v1/tokens", bearer(adminToken)), segment())).json()) as { items: ApiTokenJson[] };
    expect(listing.items.at(-1)?.name).toBe("short-lived");
  });

  it("answers 404 for an unknown token id", async () => {
    const response = await revokeRequest("does-not-exist");
    expect(response.status).toBe(404);
  });

  it.each([
    ["empty name", { name: "" }, 422],
    ["name of spaces", { name: "   " }, 422],
    ["name over 64 characters", { name: "n".repeat(65) }, 422],
    ["name with a newline", { name: "a\nb" }, 422],
    ["missing name", {}, 422],
    ["malformed JSON", "{", 400],
  ])("refuses a %s and creates nothing", async (_name, body, status) => {
    const before = await prisma.apiToken.count();
    const response = await create(jsonRequest("/api/v1/tokens", body, { headers: bearer(adminToken) }), segment());
    expect(response.status).toBe(status);
    expect(await prisma.apiToken.count()).toBe(before);
  });

  it("refuses every token endpoint without credentials or with a bogus token", async () => {
    const variants: Record<string, string>[] = [{}, bearer("ktz_not-a-real-token"), { cookie: "ktizo_session=forged" }];
    for (const headers of variants) {
      expect((await list(getRequest("/api/v1/tokens", headers), segment())).status).toBe(401);
      expect((await create(jsonRequest("/api/v1/tokens", { name: "x" }, { headers }), segment())).status).toBe(401);
    }
    const row = await prisma.apiToken.findFirstOrThrow();
    const anonymous = await revoke(new Request(`http://ktizo.test/api/v1/tokens/${row.id}`, { method: "DELETE" }), segment({ id: row.id }));
    expect(anonymous.status).toBe(401);
  });
});
