import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { findDeviceRowNow, writeDeviceNow } from "@/lib/data/device-rows";
import { nowStatement, savepointNow, writeNow } from "@/lib/data/write-now";
import { isAppError } from "@/lib/domain/errors";
import { approveDevice, approveDevices } from "@/lib/services/devices/approve-device";
import { seedNetworkSettings } from "@/tests/helpers/boot-fixtures";

const admin = { type: "user" as const, id: "u1", name: "alice" };
const at = (minute: number) => new Date(Date.UTC(2026, 11, 5, 10, minute, 30, 123));

beforeEach(async () => {
  await prisma.event.deleteMany();
  await prisma.bootToken.deleteMany();
  await prisma.device.deleteMany();
  await prisma.networkSettings.deleteMany();
  await seedNetworkSettings();
});

describe("device rows inside a synchronous write transaction", () => {
  it("reads a row exactly as the ORM reads it, every column set", async () => {
    const group = await prisma.deviceGroup.create({ data: { name: "rows-now" } });
    const created = await prisma.device.create({
      data: {
        mac: "52:54:00:0a:00:01", uuid: "0a1b2c3d-0000-4000-8000-000000000001", serial: "S1", arch: "amd64", hostname: "n1", hostnameSuggested: true,
        ipAddress: "10.42.0.21", role: "worker", status: "approved", groupId: group.id, installDisk: "/dev/sda", notes: "rack 4", bootAction: "local",
        firstSeenAt: at(1), lastSeenAt: at(2), lastSourceIp: "10.42.0.150", approvedAt: at(3), approvedBy: "alice", configDownloadedAt: at(4),
        configDownloadCount: 2, lastDownloadIp: "10.42.0.150", provisionedAt: at(5), ruleId: "r1", lastToldKey: "exit:provisioned",
        identityStatus: "bound", identityReason: "uuid matches", identityCheckedAt: at(6), approvalProof: "console_code",
      },
    });
    expect(await writeNow((tx) => findDeviceRowNow({ id: created.id, tx }))).toEqual(created);
    expect(await writeNow((tx) => findDeviceRowNow({ id: "missing", tx }))).toBeNull();
    await prisma.device.delete({ where: { id: created.id } });
    await prisma.deviceGroup.delete({ where: { id: group.id } });
  });

  it("writes columns the ORM reads back unchanged, moves updatedAt, and returns the row as the ORM would", async () => {
    const device = await prisma.device.create({ data: { mac: "52:54:00:0a:00:02", hostname: "suggested", hostnameSuggested: true, updatedAt: at(0) } });
    const written = await writeNow((tx) =>
      writeDeviceNow({ tx, id: device.id, fields: { status: "approved", role: "controlplane", hostnameSuggested: false, approvedAt: at(7), approvedBy: "alice", approvalProof: "console-code", installDisk: null } }),
    );
    const read = await prisma.device.findUniqueOrThrow({ where: { id: device.id } });
    expect(written).toEqual(read);
    expect(read).toMatchObject({ status: "approved", role: "controlplane", hostnameSuggested: false, approvedAt: at(7), approvedBy: "alice", approvalProof: "console_code", installDisk: null });
    expect(read.updatedAt.getTime()).toBeGreaterThan(at(0).getTime());
  });

  it("refuses a field that is not a column, writing nothing", async () => {
    const device = await prisma.device.create({ data: { mac: "52:54:00:0a:00:03" } });
    await expect(writeNow((tx) => writeDeviceNow({ tx, id: device.id, fields: { status: "approved", ["status\" = 'x', \"role" as "notes"]: "x" } }))).rejects.toThrow(/not a writable column/);
    expect((await prisma.device.findUniqueOrThrow({ where: { id: device.id } })).status).toBe("pending");
  });

  it("undoes only a savepoint's own writes when it throws, and the transaction goes on", async () => {
    const [a, b] = [await prisma.device.create({ data: { mac: "52:54:00:0a:00:04" } }), await prisma.device.create({ data: { mac: "52:54:00:0a:00:05" } })];
    await writeNow((tx) => {
      writeDeviceNow({ tx, id: a.id, fields: { notes: "kept" } });
      expect(() =>
        savepointNow(tx, () => {
          writeDeviceNow({ tx, id: b.id, fields: { notes: "undone" } });
          nowStatement(tx, `INSERT INTO "Device" (id, mac, updatedAt) VALUES ('dup', ?, 0)`).run(a.mac);
        }),
      ).toThrow(/UNIQUE/);
      savepointNow(tx, () => writeDeviceNow({ tx, id: b.id, fields: { hostname: "after" } }));
    });
    const rows = await prisma.device.findMany({ where: { id: { in: [a.id, b.id] } }, orderBy: { mac: "asc" }, select: { notes: true, hostname: true } });
    expect(rows).toEqual([{ notes: "kept", hostname: null }, { notes: null, hostname: "after" }]);
  });
});

describe("approving devices in one transaction", () => {
  it("approves each on its own: a refused device stays as it was, the others are approved with one event each, in the order asked", async () => {
    const ok1 = await prisma.device.create({ data: { mac: "52:54:00:0b:00:01" } });
    // Its address no longer fits the network (a changed subnet): refused, nothing of it written.
    const refused = await prisma.device.create({ data: { mac: "52:54:00:0b:00:02", ipAddress: "10.99.0.5", hostname: "odd" } });
    const ok2 = await prisma.device.create({ data: { mac: "52:54:00:0b:00:03", hostname: "taken-by-suggestion", hostnameSuggested: true } });
    const outcomes = await approveDevices({ ids: [ok2.id, refused.id, "missing", ok1.id], input: { role: "worker" }, actor: admin, sourceIp: "10.42.0.9" });
    expect(outcomes.map((outcome) => ["device" in outcome ? "approved" : outcome.error.code, outcome.id])).toEqual([
      ["approved", ok2.id],
      ["validation_failed", refused.id],
      ["not_found", "missing"],
      ["approved", ok1.id],
    ]);
    const rows = await prisma.device.findMany({ orderBy: { mac: "asc" }, select: { status: true, role: true, hostname: true, hostnameSuggested: true, approvedBy: true } });
    expect(rows).toEqual([
      { status: "approved", role: "worker", hostname: null, hostnameSuggested: false, approvedBy: "alice" },
      { status: "pending", role: null, hostname: "odd", hostnameSuggested: false, approvedBy: null },
      { status: "approved", role: "worker", hostname: "taken-by-suggestion", hostnameSuggested: false, approvedBy: "alice" },
    ]);
    const events = await prisma.event.findMany({ orderBy: { createdAt: "asc" }, select: { type: true, deviceId: true, sourceIp: true, actorName: true } });
    expect(events).toEqual([
      { type: "device.approved", deviceId: ok2.id, sourceIp: "10.42.0.9", actorName: "alice" },
      { type: "device.approved", deviceId: ok1.id, sourceIp: "10.42.0.9", actorName: "alice" },
    ]);
  });

  it("gives an address to one of two approvals that ask for it at once, and refuses the other with a conflict naming the holder", async () => {
    const [a, b] = [await prisma.device.create({ data: { mac: "52:54:00:0b:00:06" } }), await prisma.device.create({ data: { mac: "52:54:00:0b:00:07" } })];
    const results = await Promise.allSettled([a, b].map((device) => approveDevice({ id: device.id, input: { role: "worker", ipAddress: "10.42.0.30" }, actor: admin, sourceIp: null })));
    const won = results.flatMap((result) => (result.status === "fulfilled" ? [result.value.mac] : []));
    const lost = results.flatMap((result) => (result.status === "rejected" ? [result.reason] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(isAppError(lost[0]) && lost[0].code).toBe("conflict");
    expect(String(lost[0].message)).toBe(`IP 10.42.0.30 is already assigned to device ${won[0]}`);
    expect(await prisma.device.count({ where: { ipAddress: "10.42.0.30" } })).toBe(1);
    expect(await prisma.event.count({ where: { type: "device.approved" } })).toBe(1);
  });

  it("voids the live token of an approved device whose role changes, and keeps a pending device's console-code token", async () => {
    const approved = await prisma.device.create({ data: { mac: "52:54:00:0b:00:04", status: "approved", role: "worker" } });
    const pending = await prisma.device.create({ data: { mac: "52:54:00:0b:00:05" } });
    const expiresAt = new Date(Date.now() + 60_000);
    await prisma.bootToken.createMany({ data: [{ deviceId: approved.id, tokenHash: "h1", expiresAt }, { deviceId: pending.id, tokenHash: "h2", expiresAt }] });
    await approveDevices({ ids: [approved.id, pending.id], input: { role: "controlplane" }, actor: admin, sourceIp: null });
    const tokens = await prisma.bootToken.findMany({ orderBy: { tokenHash: "asc" }, select: { tokenHash: true, voidedAt: true } });
    expect(tokens.map((token) => [token.tokenHash, token.voidedAt !== null])).toEqual([
      ["h1", true],
      ["h2", false],
    ]);
  });
});
