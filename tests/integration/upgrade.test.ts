import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secrets-at-rest";
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

const deploy = (cwd: string) => execa(prismaBin, ["migrate", "deploy"], { cwd, env: { DATABASE_URL: `file:${dbFile}` }, all: true });

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
    // A copy of the project that knows only the first migration: what an installation of that
    // release had on disk.
    const old = path.join(work, "old");
    mkdirSync(path.join(old, "prisma", "migrations"), { recursive: true });
    cpSync(path.join(migrationsDir, firstMigration), path.join(old, "prisma", "migrations", firstMigration), { recursive: true });
    cpSync(path.join(migrationsDir, "migration_lock.toml"), path.join(old, "prisma", "migrations", "migration_lock.toml"));
    cpSync(path.join(root, "prisma", "schema.prisma"), path.join(old, "prisma", "schema.prisma"));
    cpSync(path.join(root, "prisma.config.ts"), path.join(old, "prisma.config.ts"));
    symlinkSync(path.join(root, "node_modules"), path.join(old, "node_modules"));
    writeFileSync(path.join(old, "package.json"), '{ "type": "module" }\n');
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
