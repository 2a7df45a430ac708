import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as downloadGet } from "@/app/api/v1/config/download/route";
import { systemActor } from "@/lib/auth/principal";
import { prisma } from "@/lib/db/client";
import { heldDownloadCount } from "@/lib/services/boot/held-downloads";
import { approveDevice } from "@/lib/services/devices";
import { machineRequest, noParams, seedNetworkSettings } from "@/tests/helpers/boot-fixtures";
import { seedGeneratedCluster } from "@/tests/helpers/seed-cluster-config";

// Held config downloads (a pending device's request kept open until approval): capped per
// process, and woken by change notifications — at once for a change in this process, within ~100 ms
// of SQLite's data_version moving for a change another process made — never by a poll per held request.
const download = (mac: string) => downloadGet(machineRequest(`/api/v1/config/download?mac=${mac}`), noParams);
const waitFor = async (check: () => boolean, ms = 5000) => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

// Another process's writer: a second SQLite connection to the same file, as a second web
// instance or the CLI would have. It never notifies this process's in-memory notifier.
let otherProcess: Database.Database;

beforeAll(async () => {
  await seedGeneratedCluster();
  await seedNetworkSettings({ allowMacOnlyDownload: true, pendingHoldSeconds: 30, maxHeldDownloads: 2 });
  otherProcess = new Database(process.env.DATABASE_URL!.replace(/^file:/, ""), { timeout: 10_000 });
});

afterAll(() => otherProcess.close());

describe("held config downloads", () => {
  it("holds at most maxHeldDownloads; wakes on an in-process approval at once and on another process's approval within ~1 s", async () => {
    const [a, b, c] = await Promise.all(
      ["52:54:00:f6:00:01", "52:54:00:f6:00:02", "52:54:00:f6:00:03"].map((mac) => prisma.device.create({ data: { mac, status: "pending" } })),
    );
    const heldA = download(a!.mac);
    const heldB = download(b!.mac);
    await waitFor(() => heldDownloadCount() === 2);

    // Over the cap: answered at once, not held, with a clear one-line reason.
    const started = Date.now();
    const third = await download(c!.mac);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(third.status).toBe(503);
    expect((await third.text()).trim()).toBe("ktizo: 2 config downloads are already held (the limit is 2); try again shortly");
    expect(heldDownloadCount()).toBe(2);

    // Approved by another process: no in-process notification; data_version moves and one query finds it.
    const approvedElsewhereAt = Date.now();
    otherProcess.prepare(`UPDATE "Device" SET status = 'approved', role = 'worker' WHERE id = ?`).run(a!.id);
    const responseA = await heldA;
    expect(responseA.status).toBe(200);
    expect(await responseA.text()).toContain("machine:");
    expect(Date.now() - approvedElsewhereAt).toBeLessThan(1000);

    // Approved in this process: the notifier wakes the held request without waiting for a tick.
    const approvedHereAt = Date.now();
    await approveDevice({ id: b!.id, input: { role: "worker" }, actor: systemActor, sourceIp: null });
    const responseB = await heldB;
    expect(responseB.status).toBe(200);
    expect(Date.now() - approvedHereAt).toBeLessThan(900);

    await waitFor(() => heldDownloadCount() === 0);
    // The slot is free again: c is held now (and released when its request is aborted).
    const abort = new AbortController();
    const heldC = downloadGet(new Request(`http://ktizo.test/api/v1/config/download?mac=${c!.mac}`, { headers: { "x-forwarded-for": "10.42.0.150" }, signal: abort.signal }), noParams);
    await waitFor(() => heldDownloadCount() === 1);
    abort.abort();
    await heldC;
    await waitFor(() => heldDownloadCount() === 0);
  }, 60_000);
});
