import { beforeEach, describe, expect, it } from "vitest";
import { POST as setup } from "@/app/api/auth/setup/route";
import { prisma } from "@/lib/db/client";
import { verifyPassword } from "@/lib/auth/password";
import { formRequest, jsonRequest, segment } from "@/tests/helpers/requests";

const huge = "x".repeat(1024 * 1024 + 10);
const admin = { username: "root.admin", password: "a-long-enough-password" };

const expectNothingCreated = async () => {
  expect(await prisma.user.count()).toBe(0);
  expect(await prisma.event.count()).toBe(0);
};

describe("POST /api/auth/setup", () => {
  beforeEach(async () => {
    expect(await prisma.user.count()).toBe(0);
  });

  it.each([
    ["no content type, empty body", 415, new Request("http://ktizo.test/api/auth/setup", { method: "POST" })],
    ["JSON content type, empty body", 400, jsonRequest("/api/auth/setup", "")],
    ["malformed JSON", 400, jsonRequest("/api/auth/setup", '{"username": "a", "password": ')],
    ["JSON array", 422, jsonRequest("/api/auth/setup", [])],
    ["empty object", 422, jsonRequest("/api/auth/setup", {})],
    ["wrong types", 422, jsonRequest("/api/auth/setup", { username: 5, password: true })],
    ["body over 1 MB", 413, jsonRequest("/api/auth/setup", { ...admin, padding: huge })],
    ["form body over 1 MB", 413, formRequest("/api/auth/setup", { ...admin, padding: huge })],
    ["text/plain", 415, new Request("http://ktizo.test/api/auth/setup", { method: "POST", headers: { "content-type": "text/plain" }, body: "hi" })],
  ])("refuses %s with %i and creates nothing", async (_name, status, req) => {
    const response = await setup(req, segment());
    expect(response.status).toBe(status);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.message).toBeTruthy();
    await expectNothingCreated();
  });

  it.each([
    ["username too long", { ...admin, username: "u".repeat(65) }, "username"],
    ["username with a space", { ...admin, username: "bad name" }, "username"],
    ["username with a newline", { ...admin, username: "bad\nname" }, "username"],
    ["password under 12 characters", { ...admin, password: "short-pass1" }, "password"],
    ["password over 1024 characters", { ...admin, password: "p".repeat(1025) }, "password"],
    ["confirmation differs", { ...admin, passwordConfirm: "something-else-entirely" }, "passwordConfirm"],
  ])("refuses %s with 422 naming the field", async (_name, body, field) => {
    const response = await setup(jsonRequest("/api/auth/setup", body), segment());
    expect(response.status).toBe(422);
    const json = (await response.json()) as { error: { code: string; issues: { path: string }[] } };
    expect(json.error.code).toBe("validation_failed");
    expect(json.error.issues.map((issue) => issue.path)).toContain(field);
    await expectNothingCreated();
  });

  it("sends an invalid browser form back to /setup with the field, creating nothing", async () => {
    const response = await setup(formRequest("/api/auth/setup", { username: "admin", password: "short" }), segment());
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/setup?error=invalid_input&field=password&username=admin");
    await expectNothingCreated();
  });
});

describe("first admin", () => {
  it("is created once (201), with a scrypt hash and an auth.setup event; later attempts get 409", async () => {
    const response = await setup(jsonRequest("/api/auth/setup", admin), segment());
    expect(response.status).toBe(201);
    const body = (await response.json()) as { user: { username: string } };
    expect(body.user.username).toBe("root.admin");
    expect(JSON.stringify(body)).not.toContain(admin.password);

    const user = await prisma.user.findUniqueOrThrow({ where: { username: "root.admin" } });
    expect(user.passwordHash).toMatch(/^scrypt\$/);
    expect(await verifyPassword(admin.password, user.passwordHash)).toBe(true);
    const events = await prisma.event.findMany();
    expect(events.map((event) => [event.type, event.actorName, event.sourceIp])).toEqual([["auth.setup", "root.admin", "10.9.9.9"]]);
    expect(events[0]?.details).not.toContain(admin.password);

    const again = await setup(jsonRequest("/api/auth/setup", { ...admin, username: "second" }), segment());
    expect(again.status).toBe(409);
    const form = await setup(formRequest("/api/auth/setup", { ...admin, username: "third" }), segment());
    expect(form.status).toBe(303);
    expect(form.headers.get("location")).toBe("/setup?error=conflict&username=third");
    expect(await prisma.user.count()).toBe(1);
  });

  it("lets only one of many concurrent setups win", async () => {
    await prisma.event.deleteMany();
    await prisma.user.deleteMany();
    const responses = await Promise.all(
      ["a1", "a2", "a3", "a4"].map((username) => setup(jsonRequest("/api/auth/setup", { ...admin, username }), segment())),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([201, 409, 409, 409]);
    expect(await prisma.user.count()).toBe(1);
  });
});
