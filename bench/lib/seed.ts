import { generateSecretToken, hashToken } from "@/lib/auth/tokens";
import { prisma } from "@/lib/db/client";

// Seeding straight into the bench database with the app's own Prisma client, in batches.
export const macOf = (index: number, prefix = "52:54:01"): string => {
  const hex = index.toString(16).padStart(6, "0");

  return `${prefix}:${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}`;
};

type SeedDevicesOptions = { count: number; from?: number; status: "approved" | "pending" | "rejected"; prefix?: string };

export const seedDevices = async ({ count, from = 0, status, prefix }: SeedDevicesOptions): Promise<string[]> => {
  const macs: string[] = [];
  for (let start = 0; start < count; start += 500) {
    const batch = Array.from({ length: Math.min(500, count - start) }, (_, offset) => {
      const index = from + start + offset;
      const mac = macOf(index, prefix);
      macs.push(mac);

      return {
        mac,
        status,
        arch: "x86_64",
        serial: `SN${index.toString().padStart(8, "0")}`,
        ...(status === "approved" ? { role: index % 10 === 0 ? ("controlplane" as const) : ("worker" as const), hostname: `node-${prefix?.replace(/:/g, "") ?? "x"}-${index}` } : {}),
      };
    });
    await prisma.device.createMany({ data: batch });
  }

  return macs;
};

// One valid config token per device (as the iPXE script would mint), and the devices back to
// "approved, not provisioned", so every download of the round is a first, valid one. `boundIp`:
// the address an ip-only token is bound to (docs/security.md), as the script would mint it for a
// machine whose MAC binding cannot be verified (loopback).
export const resetForDownloads = async (prefix: string, { boundIp }: { boundIp?: string } = {}): Promise<Map<string, string>> => {
  await prisma.bootToken.deleteMany();
  await prisma.device.updateMany({ where: { mac: { startsWith: prefix } }, data: { provisionedAt: null, bootAction: "install" } });
  const devices = await prisma.device.findMany({ where: { mac: { startsWith: prefix } }, select: { id: true, mac: true } });
  const tokens = new Map<string, string>();
  const expiresAt = new Date(Date.now() + 3_600_000);
  const rows = devices.map((device) => {
    const token = generateSecretToken();
    tokens.set(device.mac, token);

    return { deviceId: device.id, tokenHash: hashToken(token), expiresAt, boundIp: boundIp ?? null };
  });
  for (let start = 0; start < rows.length; start += 500) await prisma.bootToken.createMany({ data: rows.slice(start, start + 500) });

  return tokens;
};
