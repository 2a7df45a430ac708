import { prisma } from "@/lib/db/client";
import type { Device } from "@/lib/generated/prisma/client";
import { recordEvent } from "@/lib/events/record-event";
import { applyApprovalRules } from "@/lib/services/rules";
import { afterDeviceChange } from "@/lib/services/devices";
import type { IdentityVerdict } from "@/lib/domain/identity/decide-identity";
import { checkIdentity } from "./check-identity";
import { loadBootSettings } from "./load-boot-settings";

export type DeviceReport = {
  mac: string;
  uuid?: string;
  serial?: string;
  arch?: string;
  hostname?: string;
  sourceIp: string | null;
  via: "ipxe" | "api" | "download";
  // The identity check of this request, when the caller already made it.
  identity?: IdentityVerdict;
};

export type RegisterResult = { device: Device; created: boolean };

const isUniqueViolation = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === "P2002";

// Updates what the machine reported; a value it did not report is left as it was.
export const touchDevice = (device: Device, report: DeviceReport): Promise<Device> =>
  prisma.device.update({
    where: { id: device.id },
    data: {
      lastSeenAt: new Date(),
      lastSourceIp: report.sourceIp ?? device.lastSourceIp,
      ...(report.uuid ? { uuid: report.uuid } : {}),
      ...(report.serial ? { serial: report.serial } : {}),
      ...(report.arch ? { arch: report.arch } : {}),
    },
  });

const createPending = async (report: DeviceReport, hostname: string | undefined, identity: IdentityVerdict): Promise<Device> =>
  prisma.$transaction(async (tx) => {
    const device = await tx.device.create({
      data: {
        mac: report.mac,
        uuid: report.uuid ?? null,
        serial: report.serial ?? null,
        arch: report.arch ?? null,
        hostname: hostname ?? null,
        lastSourceIp: report.sourceIp,
        status: "pending",
        identityStatus: identity.status,
        identityReason: identity.reason,
        identityCheckedAt: new Date(),
      },
    });
    await recordEvent(
      {
        type: "device.registered",
        actor: { type: "device", id: device.id, name: device.mac },
        sourceIp: report.sourceIp,
        deviceId: device.id,
        details: { mac: device.mac, uuid: device.uuid, serial: device.serial, arch: device.arch, via: report.via, identity: identity.status },
      },
      tx,
    );

    // Auto-approval rules (issue 7) decide in the same transaction: a device is never seen
    // pending by anyone when a rule approves or rejects it. A rule approves only from its source
    // subnets and only a request whose address is bound to the MAC (lib/domain/rules/rule-gate.ts).
    return (await applyApprovalRules({ device, tx, gate: { sourceIp: report.sourceIp, identityStatus: identity.status } })) ?? device;
  });

// First requests for one MAC share one in-flight creation in this process (a rack powering on
// sends several per machine); across processes the unique index decides and the loser retries.
const globalForRegister = globalThis as unknown as { ktizoRegistering?: Map<string, Promise<RegisterResult>> };
const inflight = (globalForRegister.ktizoRegistering ??= new Map());

// Idempotent: a known MAC is touched, an unknown one becomes a pending device.
export const registerDevice = async (report: DeviceReport): Promise<RegisterResult> => {
  const running = inflight.get(report.mac);
  if (running) {
    const { device } = await running.catch(() => ({ device: null }));
    if (device) return { device: await touchDevice(device, report), created: false };
  }
  const attempt = registerOnce(report);
  inflight.set(report.mac, attempt);
  try {
    return await attempt;
  } finally {
    if (inflight.get(report.mac) === attempt) inflight.delete(report.mac);
  }
};

const identityOf = async (report: DeviceReport): Promise<IdentityVerdict> => {
  if (report.identity) return report.identity;
  const { dhcpMode } = await loadBootSettings();

  return checkIdentity({ mac: report.mac, sourceIp: report.sourceIp, dhcpMode, stage: "register" });
};

const registerOnce = async (report: DeviceReport): Promise<RegisterResult> => {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const existing = await prisma.device.findUnique({ where: { mac: report.mac } });
    if (existing) return { device: await touchDevice(existing, report), created: false };
    // A machine-suggested hostname is only a suggestion: dropped when another device has it.
    const hostname = report.hostname && attempt === 0 ? report.hostname : undefined;
    try {
      const device = await createPending(report, hostname, await identityOf(report));
      // A rule may have approved it with a static IP: its dnsmasq reservation follows at once.
      if (device.status !== "pending") await afterDeviceChange(device);

      return { device, created: true };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  const device = await prisma.device.findUniqueOrThrow({ where: { mac: report.mac } });

  return { device: await touchDevice(device, report), created: false };
};
