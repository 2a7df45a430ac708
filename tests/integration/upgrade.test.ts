import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secrets-at-rest";
import { identityCheckOf, listColumn } from "@/lib/data/columns";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createMigratedDatabase } from "@/tests/helpers/test-db";

// Upgrades keep data. A database is made at the FIRST migration by the real `prisma migrate
// deploy`, filled with realistic rows (devices in every state, cluster secrets, events, rules,
// groups, webhooks and deliveries, users, tokens), then migrated to the head by the same command
// an upgrade runs (scripts/migrate.ts). Every row must come through with every value it had, the
// encrypted secrets must still decrypt, and new columns must hold their defaults. New migrations
// are picked up by themselves: the test always goes from the first one to the last.
const root = path.resolve(import.meta.dirname, "../..");
const prismaBin = path.join(root, "node_modules", ".bin", "prisma");
const migrationsDir = path.join(root, "prisma", "migrations");
const firstMigration = "20261129000000_init";

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 30, 12, minutes)).toISOString();
let work = "";
let dbFile = "";
let before: Record<string, Record<string, unknown>[]> = {};
const plaintext = { clusterSecrets: "cluster:\n  id: upgrade-test\n  secret: c2VjcmV0\n", controlPlane: "version: v1alpha1\nmachine:\n  type: controlplane\n", webhook: "whsec-upgrade-test-0123456789" };

const tables = ["User", "Session", "ApiToken", "Event", "ClusterSettings", "NetworkSettings", "Device", "BootToken", "DeviceGroup", "ApprovalRule", "Webhook", "WebhookDelivery", "AssetImport"] as const;
const readAll = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return Object.fromEntries(tables.map((table) => [table, db.prepare(`SELECT * FROM "${table}" ORDER BY id`).all() as Record<string, unknown>[]]));
  } finally {
    db.close();
  }
};

const deploy = (cwd: string, file = dbFile) => execa(prismaBin, ["migrate", "deploy"], { cwd, env: { DATABASE_URL: `file:${file}` }, all: true });

// A copy of the project that knows only `migrations`: what an installation of that release had on disk.
const oldProject = (dir: string, migrations: string[]): string => {
  const old = path.join(dir, "old");
  mkdirSync(path.join(old, "prisma", "migrations"), { recursive: true });
  for (const name of migrations) cpSync(path.join(migrationsDir, name), path.join(old, "prisma", "migrations", name), { recursive: true });
  cpSync(path.join(migrationsDir, "migration_lock.toml"), path.join(old, "prisma", "migrations", "migration_lock.toml"));
  cpSync(path.join(root, "prisma", "schema.prisma"), path.join(old, "prisma", "schema.prisma"));
  cpSync(path.join(root, "prisma.config.ts"), path.join(old, "prisma.config.ts"));
  symlinkSync(path.join(root, "node_modules"), path.join(old, "node_modules"));
  writeFileSync(path.join(old, "package.json"), '{ "type": "module" }\n');

  return old;
};

const fill = async (file: string) => {
  const db = new Database(file);
  const insert = (table: string, row: Record<string, unknown>) => {
    const columns = Object.keys(row);
    db.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`).run(...Object.values(row));
  };
  const [secretsEnc, controlPlaneConfigEnc, webhookSecret] = await Promise.all([
    encryptSecret("cluster.secrets", plaintext.clusterSecrets),
    encryptSecret("cluster.controlplane", plaintext.controlPlane),
    encryptSecret("webhook.secret", plaintext.webhook),
  ]);
  insert("User", { id: "u1", username: "admin", passwordHash: "scrypt$16384$8$1$c2FsdA$aGFzaA", createdAt: at(0) });
  insert("Session", { id: "s1", tokenHash: "a".repeat(64), userId: "u1", createdAt: at(1), lastSeenAt: at(2), expiresAt: at(600) });
  insert("ApiToken", { id: "t1", name: "ci", tokenHash: "b".repeat(64), prefix: "ktz_abcd", createdById: "u1", createdAt: at(1), lastUsedAt: at(2) });
  insert("ClusterSettings", {
    id: "c1", name: "rack-1", endpoint: "https://10.42.0.10:6443", podSubnets: '["10.244.0.0/16"]', serviceSubnets: '["10.96.0.0/12"]', additionalSans: '["k8s.lab"]',
    configPatch: "machine:\n  time:\n    disabled: true\n", generatedAt: at(5), secretsEnc, secretsGeneratedAt: at(4), controlPlaneConfigEnc, createdAt: at(3), updatedAt: at(5),
  });
  insert("NetworkSettings", {
    id: "n1", interface: "eth1", serverIp: "10.42.0.2", httpBaseUrl: "http://10.42.0.2:3000", dhcpRangeStart: "10.42.0.100", dhcpRangeEnd: "10.42.0.199",
    gateway: "10.42.0.1", dnsServers: '["10.42.0.1"]', leaseTime: "1h", appliedAt: at(6), appliedHash: "c".repeat(64), createdAt: at(3), updatedAt: at(6),
  });
  insert("DeviceGroup", { id: "g1", name: "gpu", role: "worker", configPatch: "machine:\n  nodeLabels:\n    gpu: \"true\"\n", createdAt: at(7), updatedAt: at(7) });
  const devices = [
    { id: "d-pending", mac: "52:54:00:00:00:01", status: "pending", uuid: "4c4c4544-0000-4000-8000-000000000001", serial: "SN1", arch: "x86_64" },
    { id: "d-approved", mac: "52:54:00:00:00:02", status: "approved", role: "controlplane", hostname: "cp-1", ipAddress: "10.42.0.10", approvedAt: at(10), approvedBy: "admin" },
    { id: "d-rejected", mac: "52:54:00:00:00:03", status: "rejected", notes: "not ours" },
    { id: "d-provisioned", mac: "52:54:00:00:00:04", status: "approved", role: "worker", hostname: "w-1", ipAddress: "10.42.0.20", groupId: "g1", approvedAt: at(11), provisionedAt: at(12), configDownloadedAt: at(12), configDownloadCount: 1, lastDownloadIp: "10.42.0.20", bootAction: "local" },
  ];
  for (const device of devices) insert("Device", { firstSeenAt: at(8), lastSeenAt: at(13), lastSourceIp: "10.42.0.150", createdAt: at(8), updatedAt: at(13), ...device });
  insert("BootToken", { id: "bt1", deviceId: "d-approved", tokenHash: "d".repeat(64), createdAt: at(10), expiresAt: at(70) });
  insert("BootToken", { id: "bt2", deviceId: "d-provisioned", tokenHash: "e".repeat(64), createdAt: at(11), expiresAt: at(71), usedAt: at(12) });
  insert("ApprovalRule", { id: "r1", name: "lab OUI", priority: 10, ouiPrefix: "52:54:00", role: "worker", hostnamePattern: "worker-{n}", ipPoolStart: "10.42.0.30", ipPoolEnd: "10.42.0.60", maxMatches: 20, matchCount: 3, groupId: "g1", createdAt: at(9), updatedAt: at(9) });
  insert("ApprovalRule", { id: "r2", name: "reject rest", priority: 100, macPattern: "*", action: "reject", createdAt: at(9), updatedAt: at(9) });
  insert("Webhook", { id: "w1", name: "chatops", url: "https://hooks.lab.example/ktizo", secretEnc: webhookSecret, events: '["device.registered","config.downloaded"]', createdAt: at(9), updatedAt: at(9) });
  insert("WebhookDelivery", { id: "wd1", webhookId: "w1", event: "device.registered", payload: '{"type":"device.registered"}', status: "delivered", attempts: 1, lastStatusCode: 204, deliveredAt: at(14), createdAt: at(13) });
  insert("WebhookDelivery", { id: "wd2", webhookId: "w1", event: "config.downloaded", payload: '{"type":"config.downloaded"}', status: "pending", attempts: 2, lastError: "connect ECONNREFUSED", createdAt: at(13) });
  for (const [index, type] of ["device.registered", "device.approved", "config.downloaded", "settings.applied"].entries()) {
    insert("Event", { id: `e${index}`, type, actorType: "user", actorId: "u1", actorName: "admin", sourceIp: "10.42.0.5", deviceId: index < 3 ? "d-provisioned" : null, details: `{"n":${index}}`, createdAt: at(14 + index) });
  }
  insert("AssetImport", { id: "a1", url: "https://factory.talos.dev/image/x/v1.11.6/kernel-amd64", talosVersion: "v1.11.6", fileName: "vmlinuz-amd64", status: "done", bytesDone: 1024, bytesTotal: 1024, createdAt: at(15), updatedAt: at(16) });
  db.close();
};

describe("upgrade from the first migration to the head", () => {
  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), "ktz-upgrade-"));
    dbFile = path.join(work, "upgrade.db");
    const old = oldProject(work, [firstMigration]);
    const first = await deploy(old);
    expect(first.all).toContain(firstMigration);
    await fill(dbFile);
    before = readAll(dbFile);
  }, 120_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("applies every later migration with prisma migrate deploy", async () => {
    const result = await deploy(root);
    expect(result.exitCode, result.all).toBe(0);
    const db = new Database(dbFile, { readonly: true });
    const applied = (db.prepare(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY migration_name`).all() as { migration_name: string }[]).map((row) => row.migration_name);
    db.close();
    expect(applied).toEqual(readdirSync(migrationsDir).filter((name) => /^\d/.test(name)).sort());
  }, 120_000);

  it("keeps every row with every value it had", () => {
    const after = readAll(dbFile);
    for (const table of tables) {
      expect(after[table]?.length, table).toBe(before[table]?.length);
      for (const row of before[table] ?? []) {
        const upgraded = after[table]?.find((candidate) => candidate.id === row.id);
        expect(upgraded, `${table} ${String(row.id)}`).toMatchObject(row);
      }
    }
    expect(before.Device).toHaveLength(4);
    expect(before.Event).toHaveLength(4);
  });

  it("new columns hold their defaults", () => {
    const after = readAll(dbFile);
    expect(after.NetworkSettings?.[0]).toMatchObject({ identityCheck: "strict", maxPendingDevices: 5000 });
    expect(after.ClusterSettings?.[0]).toMatchObject({ approvalProof: "token", autoBootstrap: 1, bootstrapState: "pending", kubeconfigTtlHours: 24 });
    expect(after.ApprovalRule?.every((rule) => rule.allowControlPlane === 0)).toBe(true);
    expect(after.Device?.every((device) => device.hostnameSuggested === 0)).toBe(true);
  });

  it("ends with exactly the columns of a database created at the head", () => {
    const fresh = path.join(work, "fresh.db");
    createMigratedDatabase(fresh);
    const columns = (file: string) => {
      const db = new Database(file, { readonly: true });
      try {
        return Object.fromEntries(tables.map((table) => [table, (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name).sort()]));
      } finally {
        db.close();
      }
    };
    expect(columns(dbFile)).toEqual(columns(fresh));
  });

  it("encrypted secrets still decrypt", async () => {
    const after = readAll(dbFile);
    const cluster = after.ClusterSettings?.[0] as { secretsEnc: string; controlPlaneConfigEnc: string };
    const webhook = after.Webhook?.[0] as { secretEnc: string };
    expect(await decryptSecret("cluster.secrets", cluster.secretsEnc)).toBe(plaintext.clusterSecrets);
    expect(await decryptSecret("cluster.controlplane", cluster.controlPlaneConfigEnc)).toBe(plaintext.controlPlane);
    expect(await decryptSecret("webhook.secret", webhook.secretEnc)).toBe(plaintext.webhook);
  });
});

// The json_lists_and_enums migration turns list columns into Prisma Json and closed sets into Prisma
// enums. Rows written at the head before it, including odd ones an older release or a hand edit could
// leave (an empty string or a comma list in a list column, a number in a list, a capitalised or unknown
// status), must come out as values Prisma reads: it refuses a row whose enum value is outside the set.
const jsonMigration = "20261205073145_json_lists_and_enums";

describe("upgrade across json_lists_and_enums from the head before it", () => {
  let file = "";
  let client: PrismaClient;

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ktz-upgrade-json-"));
    file = path.join(dir, "before-json.db");
    const previousHead = readdirSync(migrationsDir).filter((entry) => /^\d/.test(entry) && entry < jsonMigration);
    expect((await deploy(oldProject(dir, previousHead), file)).exitCode).toBe(0);
    const db = new Database(file);
    const insert = (table: string, row: Record<string, unknown>) => {
      const columns = Object.keys(row);
      db.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`).run(...Object.values(row));
    };
    insert("ClusterSettings", { id: "c1", name: "lab", endpoint: "https://10.42.0.10:6443", podSubnets: "", serviceSubnets: '["10.96.0.0/12", 7]', cniUrls: "https://a.example/cni.yaml", additionalSans: '["k8s.lab"]', approvalProof: "Console-Code", generator: "kubeadm", bootstrapState: "DONE", createdAt: at(1), updatedAt: at(1) });
    insert("NetworkSettings", { id: "n1", interface: "eth1", serverIp: "10.42.0.2", httpBaseUrl: "http://10.42.0.2:3000", dhcpRangeStart: "10.42.0.100", dhcpRangeEnd: "10.42.0.199", dnsServers: '"10.42.0.1"', dhcpMode: "relay", identityCheck: " ip-only ", assetSource: "factory", createdAt: at(1), updatedAt: at(1) });
    insert("DeviceGroup", { id: "g1", name: "gpu", role: "Worker", approvalProof: "sometimes", createdAt: at(1), updatedAt: at(1) });
    insert("Device", { id: "d1", mac: "52:54:00:00:01:01", status: "Approved", role: "worker", bootAction: "install", identityStatus: "bound", approvalProof: "console-code", createdAt: at(1), updatedAt: at(1) });
    insert("Device", { id: "d2", mac: "52:54:00:00:01:02", status: "approved", role: "master", bootAction: "wipe", identityStatus: "maybe", createdAt: at(1), updatedAt: at(1) });
    insert("Device", { id: "d3", mac: "52:54:00:00:01:03", status: "quarantined", createdAt: at(1), updatedAt: at(1) });
    insert("ApprovalRule", { id: "r1", name: "odd", action: "allow", enabled: 1, role: "worker", sourceSubnets: "10.0.0.0/8", createdAt: at(1), updatedAt: at(1) });
    insert("ApprovalRule", { id: "r2", name: "ok", action: "approve", role: "worker", sourceSubnets: '["10.42.0.0/24"]', createdAt: at(1), updatedAt: at(1) });
    insert("Webhook", { id: "w1", name: "h", url: "https://hooks.example/x", secretEnc: "x", events: "", createdAt: at(1), updatedAt: at(1) });
    insert("Webhook", { id: "w2", name: "h2", url: "https://hooks.example/y", secretEnc: "x", events: '["device.approved",null]', createdAt: at(1), updatedAt: at(1) });
    insert("WebhookDelivery", { id: "wd1", webhookId: "w1", event: "device.approved", payload: "{}", status: "retrying", createdAt: at(1) });
    db.close();
    // The same command an upgrade runs applies the rest (this migration and any later one).
    const result = await deploy(root, file);
    expect(result.exitCode, result.all).toBe(0);
    client = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: `file:${file}` }) });
  }, 120_000);

  afterAll(async () => {
    await client?.$disconnect();
    if (file) rmSync(path.dirname(file), { recursive: true, force: true });
  });

  it("Prisma reads every row; odd list values become lists of strings", async () => {
    const cluster = await client.clusterSettings.findUniqueOrThrow({ where: { id: "c1" } });
    expect(cluster).toMatchObject({ podSubnets: ["10.244.0.0/16"], serviceSubnets: ["10.96.0.0/12"], cniUrls: [], additionalSans: ["k8s.lab"] });
    expect(listColumn(cluster.podSubnets, "ClusterSettings.podSubnets")).toEqual(["10.244.0.0/16"]);
    const network = await client.networkSettings.findUniqueOrThrow({ where: { id: "n1" } });
    expect(network).toMatchObject({ dnsServers: [], dhcpMode: "proxy", identityCheck: "ip_only", assetSource: "factory" });
    expect(identityCheckOf(network.identityCheck)).toBe("ip-only");
    expect(await client.webhook.findMany({ orderBy: { id: "asc" }, select: { id: true, events: true } })).toEqual([
      { id: "w1", events: [] },
      { id: "w2", events: ["device.approved"] },
    ]);
    expect(await client.approvalRule.findMany({ orderBy: { id: "asc" }, select: { id: true, action: true, enabled: true, sourceSubnets: true } })).toEqual([
      { id: "r1", action: "reject", enabled: false, sourceSubnets: null },
      { id: "r2", action: "approve", enabled: true, sourceSubnets: ["10.42.0.0/24"] },
    ]);
  });

  it("closed values: a known one in another spelling is kept, an unknown one gets its safe value", async () => {
    expect(await client.clusterSettings.findUniqueOrThrow({ where: { id: "c1" }, select: { approvalProof: true, generator: true, bootstrapState: true } })).toEqual({ approvalProof: "console_code", generator: "builtin", bootstrapState: "done" });
    expect(await client.deviceGroup.findUniqueOrThrow({ where: { id: "g1" }, select: { role: true, approvalProof: true } })).toEqual({ role: "worker", approvalProof: null });
    expect(await client.device.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true, role: true, bootAction: true, identityStatus: true, approvalProof: true } })).toEqual([
      { id: "d1", status: "approved", role: "worker", bootAction: "install", identityStatus: "bound", approvalProof: "console_code" },
      // An unknown role leaves an approved device without one: it waits for an admin; an unknown boot action never wipes a disk.
      { id: "d2", status: "pending", role: null, bootAction: "local", identityStatus: null, approvalProof: null },
      { id: "d3", status: "pending", role: null, bootAction: "install", identityStatus: null, approvalProof: null },
    ]);
    expect((await client.webhookDelivery.findUniqueOrThrow({ where: { id: "wd1" } })).status).toBe("failed");
  });

  it("raw statements still read the stored spelling (the boot path's prepared statements)", () => {
    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare(`SELECT identityCheck, dnsServers FROM "NetworkSettings"`).get()).toEqual({ identityCheck: "ip-only", dnsServers: "[]" });
      expect(db.prepare(`SELECT approvalProof FROM "Device" WHERE id = 'd1'`).get()).toEqual({ approvalProof: "console-code" });
    } finally {
      db.close();
    }
  });
});
