import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { databaseFile } from "@/lib/db/database-file";
import { insertApiToken, touchApiToken } from "./api-tokens";
import { findSessionByHash, insertSession, touchSession } from "./sessions";
import { insertUser } from "./users";

// Admin requests note when a session or API token was last used (lib/auth/authenticate.ts). That
// write must wait for another connection's write lock without freezing the event loop: an ORM write
// slept in SQLite's busy handler and stalled every request of the web process meanwhile.
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Holds the write lock from another connection (as another web process or the worker would) and
// releases it from a timer: a touch that blocked the event loop would never let that timer run.
const whileLockedFor = async (ms: number, touch: () => Promise<void>): Promise<{ ticks: number }> => {
  const other = new Database(databaseFile(), { timeout: 0 });
  other.prepare("BEGIN IMMEDIATE").run();
  let ticks = 0;
  const ticker = setInterval(() => (ticks += 1), 5);
  const release = sleep(ms).then(() => {
    other.prepare("COMMIT").run();
    other.close();
  });
  await touch();
  await release;
  clearInterval(ticker);

  return { ticks };
};

describe("touchSession and touchApiToken", () => {
  let userId = "";
  beforeAll(async () => {
    userId = (await insertUser({ username: "touch-test", passwordHash: "x" })).id;
  });
  afterAll(async () => {
    await prisma.session.deleteMany({ where: { userId } });
    await prisma.apiToken.deleteMany({ where: { name: "touch-test" } });
    await prisma.user.deleteMany({ where: { id: userId } });
  });

  it("a session's last use is written after another connection releases the lock, timers running meanwhile", async () => {
    const seenAt = new Date("2026-12-05T10:00:00.000Z");
    await insertSession({ session: { tokenHash: "touch-test-session", userId, expiresAt: new Date(Date.now() + 3_600_000), lastSeenAt: seenAt, sourceIp: null, userAgent: null } });
    const session = (await findSessionByHash("touch-test-session"))!;
    const at = new Date("2026-12-05T11:00:00.000Z");
    const { ticks } = await whileLockedFor(150, () => touchSession({ id: session.id, at }));
    expect(ticks).toBeGreaterThan(10);
    expect((await findSessionByHash("touch-test-session"))!.lastSeenAt).toEqual(at);
  });

  it("an API token's last use likewise", async () => {
    const token = await insertApiToken({ token: { name: "touch-test", tokenHash: "touch-test-token", prefix: "ktz_touch", origin: "ui", createdById: userId } });
    const at = new Date("2026-12-05T11:30:00.000Z");
    const { ticks } = await whileLockedFor(150, () => touchApiToken({ id: token.id, at }));
    expect(ticks).toBeGreaterThan(10);
    const row = await prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.lastUsedAt).toEqual(at);
  });
});
