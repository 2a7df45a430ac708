import { beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "@/lib/auth/tokens";
import { approvalProofOfDevice } from "@/lib/data/approval-proof";
import { findBootDevice, findDownloadDevice } from "@/lib/data/boot-devices";
import { approvalProofOf, optionalApprovalProofOf } from "@/lib/data/columns";
import { readBootSettingsRow } from "@/lib/data/boot-settings";
import { findDeviceToken } from "@/lib/data/boot-tokens";
import { findClusterSettings } from "@/lib/data/cluster-settings";
import { findNetworkSettings } from "@/lib/data/network-settings";
import { prisma } from "@/lib/db/client";
import { resolveApprovalProof } from "@/lib/domain/oauth/approval-proof";
import { loadBootSettings } from "@/lib/services/boot/load-boot-settings";
import { seedNetworkSettings } from "@/tests/helpers/boot-fixtures";
import { seedGeneratedCluster } from "@/tests/helpers/seed-cluster-config";

// The hot path reads through prepared statements on the plain SQLite connection
// (lib/data/hot-statements.ts); each read must answer exactly what the ORM reads of the same rows.
const bootFields = ["id", "mac", "arch", "uuid", "serial", "status", "bootAction", "provisionedAt", "role", "lastToldKey", "lastSourceIp", "identityStatus", "identityReason"] as const;
const pick = <T extends object>(row: T, keys: readonly string[]) => Object.fromEntries(keys.map((key) => [key, (row as Record<string, unknown>)[key]]));

describe("settings before anything is saved", () => {
  it("are the product defaults, as the raw read gave them", async () => {
    expect(await loadBootSettings()).toEqual({
      httpBaseUrl: null,
      pollSeconds: 10,
      extraKernelArgs: "",
      provisionWindowMinutes: 60,
      allowMacOnlyDownload: false,
      pendingHoldSeconds: 60,
      registrationBurst: expect.any(Number),
      registrationsPerMinute: expect.any(Number),
      maxPendingDevices: 5000,
      maxHeldDownloads: expect.any(Number),
      talosVersion: null,
      configGenerated: false,
      dhcpMode: "full",
      identityCheck: "strict",
      clusterApprovalProof: null,
    });
    expect(readBootSettingsRow()).toMatchObject({ networkSaved: false, baseConfigFingerprint: null });
  });
});

describe("prepared reads answer as the ORM does", () => {
  beforeAll(async () => {
    await seedNetworkSettings({ ipxePollSeconds: 7, allowMacOnlyDownload: true, extraKernelArgs: "console=ttyS0", identityCheck: "ip-only" });
    await seedGeneratedCluster();
    const group = await prisma.deviceGroup.create({ data: { name: "gpu", configPatch: "machine:\n  sysctls:\n    a.b: \"1\"\n", installDisk: "/dev/nvme0n1", approvalProof: "console_code" } });
    await prisma.device.createMany({
      data: [
        { mac: "52:54:00:ee:00:01", status: "pending", arch: "x86_64", uuid: "u-1", serial: "S-1", lastSourceIp: "10.42.0.9", identityStatus: "unverifiable", identityReason: "no entry" },
        { mac: "52:54:00:ee:00:02", status: "approved", role: "controlplane", hostname: "cp-1", ipAddress: "10.42.0.21", installDisk: "/dev/sdb", provisionedAt: new Date("2026-01-02T03:04:05.678Z"), lastToldKey: "exit:provisioned" },
        { mac: "52:54:00:ee:00:03", status: "approved", role: "worker", bootAction: "reinstall", groupId: group.id, approvalProof: "token" },
        { mac: "52:54:00:ee:00:04", status: "approved", role: "worker", groupId: group.id },
        { mac: "52:54:00:ee:00:05", status: "rejected" },
      ],
    });
    const device = await prisma.device.findUniqueOrThrow({ where: { mac: "52:54:00:ee:00:02" } });
    await prisma.bootToken.createMany({
      data: [
        { deviceId: device.id, tokenHash: hashToken("live"), expiresAt: new Date("2026-06-01T00:00:00.000Z"), boundIp: "10.42.0.21" },
        { deviceId: device.id, tokenHash: hashToken("used"), expiresAt: new Date("2026-06-01T00:00:00.000Z"), usedAt: new Date("2026-01-02T03:04:05.000Z") },
        { deviceId: device.id, tokenHash: hashToken("void"), expiresAt: new Date("2026-06-01T00:00:00.000Z"), voidedAt: new Date("2026-01-03T00:00:00.001Z") },
      ],
    });
  }, 60_000);

  it.each([1, 2, 3, 4, 5])("device 52:54:00:ee:00:0%i: the boot and download reads", async (n) => {
    const mac = `52:54:00:ee:00:0${n}`;
    const orm = await prisma.device.findUniqueOrThrow({ where: { mac }, include: { group: true } });
    const boot = await findBootDevice(mac);
    expect(boot).toEqual(pick(orm, bootFields));
    expect(boot!.provisionedAt?.getTime()).toBe(orm.provisionedAt?.getTime());
    const forDownload = await findDownloadDevice(mac);
    expect(forDownload).toEqual({
      ...pick(orm, [...bootFields, "hostname", "ipAddress", "installDisk"]),
      group: orm.group && { configPatch: orm.group.configPatch, installDisk: orm.group.installDisk },
    });
    const cluster = await prisma.clusterSettings.findFirstOrThrow();
    // The ORM answers in Prisma's enum spelling (console_code); the domain's is console-code.
    const proof = resolveApprovalProof({
      device: optionalApprovalProofOf(orm.approvalProof),
      group: optionalApprovalProofOf(orm.group?.approvalProof ?? null),
      cluster: approvalProofOf(cluster.approvalProof),
    });
    expect(await approvalProofOfDevice(orm.id)).toBe(proof);
  });

  it("an unknown MAC or device id reads as nothing", async () => {
    expect(await findBootDevice("52:54:00:ee:ff:ff")).toBeNull();
    expect(await findDownloadDevice("52:54:00:ee:ff:ff")).toBeNull();
    expect(await findDeviceToken({ deviceId: "nope", tokenHash: hashToken("live") })).toBeNull();
  });

  it.each(["live", "used", "void", "other"])("token %s", async (token) => {
    const device = await prisma.device.findUniqueOrThrow({ where: { mac: "52:54:00:ee:00:02" } });
    const orm = await prisma.bootToken.findFirst({ where: { deviceId: device.id, tokenHash: hashToken(token) } });
    const read = await findDeviceToken({ deviceId: device.id, tokenHash: hashToken(token) });
    expect(read).toEqual(orm && pick(orm, ["id", "tokenHash", "usedAt", "voidedAt", "expiresAt", "boundIp"]));
  });

  it("the settings row matches the stored network and cluster settings", async () => {
    const network = (await findNetworkSettings())!.input;
    const cluster = (await findClusterSettings())!;
    expect(readBootSettingsRow()).toMatchObject({
      networkSaved: true,
      httpBaseUrl: network.httpBaseUrl,
      ipxePollSeconds: network.ipxePollSeconds,
      extraKernelArgs: network.extraKernelArgs,
      provisionWindowMinutes: network.provisionWindowMinutes,
      allowMacOnlyDownload: network.allowMacOnlyDownload,
      pendingHoldSeconds: network.pendingHoldSeconds,
      registrationBurst: network.registrationBurst,
      registrationsPerMinute: network.registrationsPerMinute,
      maxPendingDevices: network.maxPendingDevices,
      maxHeldDownloads: network.maxHeldDownloads,
      dhcpMode: network.dhcpMode,
      identityCheck: network.identityCheck,
      netmask: network.netmask,
      gateway: network.gateway,
      dnsServers: network.dnsServers,
      talosVersion: cluster.settings.talosVersion,
      configGenerated: true,
      clusterApprovalProof: cluster.settings.approvalProof,
    });
    expect(await loadBootSettings()).toMatchObject({ pollSeconds: 7, allowMacOnlyDownload: true, extraKernelArgs: "console=ttyS0", identityCheck: "ip-only", configGenerated: true });
  });
});
