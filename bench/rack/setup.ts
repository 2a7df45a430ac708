import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { prisma } from "@/lib/db/client";
import { paths } from "@/lib/paths";
import { seedNetworkSettings } from "../../tests/helpers/boot-fixtures";
import { seedGeneratedCluster } from "../../tests/helpers/seed-cluster-config";

// The rack's ktizo: network settings for a rack behind one loopback address, a really generated
// cluster config, and a small kernel and initramfs in the Talos asset folder of the configured
// version (local files are served before any Image Factory pull: lib/services/assets).
export const rackSettings = {
  // 127.0.0.1 is in no neighbour table, so the identity check can never bind it to a MAC (that
  // needs an ARP entry or a DHCP lease). Under `strict` such an unverifiable machine is told "not
  // ready" forever; `ip-only` mints its token bound to the source address and serves the download
  // only to that address (docs/security.md), the mode for machines whose binding cannot be seen.
  identityCheck: "ip-only",
  // All 2,000 machines share one source address here; on a real rack each has its own and the
  // per-address registration bucket (docs/flood-bounds.md) never sees more than one new MAC each.
  registrationBurst: 10_000,
  registrationsPerMinute: 60_000,
  maxPendingDevices: 5_000,
  ipxePollSeconds: 10,
  pendingHoldSeconds: 0,
} as const;

export const assetBytes = 64 * 1024;

export const setUpRack = async (): Promise<{ talosVersion: string }> => {
  await seedNetworkSettings(rackSettings);
  // A closed loopback port as the cluster endpoint: the worker's health jobs never dial out.
  const cluster = await seedGeneratedCluster({ endpoint: "https://127.0.0.1:9" });
  await prisma.clusterSettings.update({ where: { id: cluster.id }, data: { autoBootstrap: false } });
  const talosVersion = (await prisma.clusterSettings.findUniqueOrThrow({ where: { id: cluster.id } })).talosVersion;
  const dir = path.join(paths().assetsDir, talosVersion);
  mkdirSync(dir, { recursive: true });
  for (const file of ["vmlinuz-amd64", "initramfs-amd64.xz"]) writeFileSync(path.join(dir, file), randomBytes(assetBytes));

  return { talosVersion };
};
