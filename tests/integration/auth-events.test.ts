import { beforeAll, describe, expect, it } from "vitest";
import { GET as listEvents } from "@/app/api/v1/events/route";
import { prisma } from "@/lib/db/client";
import type { EventJson } from "@/lib/schemas/event";
import { createAdminToken } from "@/tests/helpers/admin";
import { getRequest, segment } from "@/tests/helpers/requests";

let token = "";
const t0 = Date.UTC(2026, 0, 1);

type Page = { items: EventJson[]; total: number; page: number; pageSize: number };

const get = async (query: string) => {
  const response = await listEvents(getRequest(`/api/v1/events${query}`, { authorization: `Bearer ${token}` }), segment());

  return { status: response.status, body: (await response.json()) as Page };
};

beforeAll(async () => {
  token = await createAdminToken();
  await prisma.event.deleteMany();
  // 120 events one second apart: every third is a failed login, the rest logins.
  await prisma.event.createMany({
    data: Array.from({ length: 120 }, (_, i) => ({
      type: i % 3 === 0 ? "auth.login_failed" : "auth.login",
      actorType: "system",
      sourceIp: "10.0.0.1",
      details: JSON.stringify({ n: i }),
      createdAt: new Date(t0 + i * 1000),
    })),
  });
});

describe("GET /api/v1/events", () => {
  it("pages newest first with the default page size of 50", async () => {
    const first = await get("");
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ total: 120, page: 1, pageSize: 50 });
    expect(first.body.items).toHaveLength(50);
    expect(first.body.items[0]?.details).toEqual({ n: 119 });
    expect(first.body.items[49]?.details).toEqual({ n: 70 });
    const times = first.body.items.map((event) => event.createdAt);
    expect([...times].sort().reverse()).toEqual(times);

    const third = await get("?page=3");
    expect(third.body.items.map((event) => event.details.n)).toEqual(Array.from({ length: 20 }, (_, i) => 19 - i));
    expect((await get("?page=4")).body.items).toEqual([]);
  });

  it("filters by type, with total counting only that type", async () => {
    const { body } = await get("?type=auth.login_failed&pageSize=10");
    expect(body.total).toBe(40);
    expect(body.items).toHaveLength(10);
    expect(body.items.every((event) => event.type === "auth.login_failed")).toBe(true);
    expect(body.items[0]?.details).toEqual({ n: 117 });
    expect(body.items[0]?.actor).toEqual({ type: "system", id: null, name: null });
  });

  it("treats an empty type as no filter", async () => {
    expect((await get("?type=")).body.total).toBe(120);
  });

  it.each(["?type=nope", "?page=0", "?page=abc", "?pageSize=501", "?pageSize=0"])("refuses %s with 422", async (query) => {
    const { status, body } = await get(query);
    expect(status).toBe(422);
    expect((body as unknown as { error: { code: string } }).error.code).toBe("validation_failed");
  });

  it("needs a login", async () => {
    const response = await listEvents(getRequest("/api/v1/events"), segment());
    expect(response.status).toBe(401);
  });
});
