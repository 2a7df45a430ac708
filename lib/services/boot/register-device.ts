import { findBootDevice, insertPendingDevice, type BootDevice, type Device } from "@/lib/data/boot-devices";
import { inTransaction } from "@/lib/data/db";
import { AppError } from "@/lib/domain/errors";
import { recordEvent } from "@/lib/events/record-event";
import type { DroppedField } from "@/lib/schemas/device";
import { applyApprovalRules } from "@/lib/services/rules";
import { afterDeviceChange } from "@/lib/services/devices";
import type { IdentityVerdict } from "@/lib/domain/identity/decide-identity";
import { admitRegistration } from "./admit-registration";
import { checkIdentity } from "./check-identity";
import { loadBootSettings, type BootSettings } from "./load-boot-settings";
import { noteKnownDevice, rememberDroppedFields } from "./note-known-device";
import { checkPendingCap, recordPendingCapHit } from "./pending-cap";

export type DeviceReport = {
  mac: string;
  uuid?: string;
  serial?: string;
  arch?: string;
  hostname?: string;
  // Reported fields that failed their pattern and were dropped (parseMachineReport).
  dropped?: DroppedField[];
  sourceIp: string | null;
  via: "ipxe" | "api" | "download";
  // The identity check of this request, when the caller already made it.
  identity?: IdentityVerdict;
};

export type RegisterResult = { device: BootDevice; created: boolean };

const isUniqueViolation = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === "P2002";

type PendingOptions = { report: DeviceReport; hostname: string | undefined; identity: IdentityVerdict; maxPendingDevices: number };

const createPending = async ({ report, hostname, identity, maxPendingDevices }: PendingOptions): Promise<Device> =>
  inTransaction(async (tx) => {
    await checkPendingCap({ tx, maxPendingDevices });
    const device = await insertPendingDevice({
      tx,
      device: {
        mac: report.mac,
        uuid: report.uuid ?? null,
        serial: report.serial ?? null,
        arch: report.arch ?? null,
        hostname: hostname ?? null,
        lastSourceIp: report.sourceIp,
        identity,
      },
    });
    const actor = { type: "device" as const, id: device.id, name: device.mac };
    const dropped = report.dropped ?? [];
    await recordEvent(
      {
        type: "device.registered",
        actor,
        sourceIp: report.sourceIp,
        deviceId: device.id,
        details: { mac: device.mac, uuid: device.uuid, serial: device.serial, arch: device.arch, via: report.via, identity: identity.status, ...(dropped.length ? { dropped } : {}) },
      },
      tx,
    );
    if (dropped.length > 0) await recordEvent({ type: "device.report_invalid", actor, sourceIp: report.sourceIp, deviceId: device.id, details: { dropped } }, tx);

    // Auto-approval rules (docs/rules-groups-webhooks.md) decide in the same transaction: a device is never seen
    // pending by anyone when a rule approves or rejects it. A rule approves only from its source
    // subnets and only a request whose address is bound to the MAC (lib/domain/rules/rule-gate.ts).
    return (await applyApprovalRules({ device, tx, gate: { sourceIp: report.sourceIp, identityStatus: identity.status } })) ?? device;
  });

// First requests for one MAC share one in-flight creation in this process (a rack powering on
// sends several per machine); across processes the unique index decides and the loser retries.
const globalForRegister = globalThis as unknown as { ktizoRegistering?: Map<string, Promise<RegisterResult>> };
const inflight = (globalForRegister.ktizoRegistering ??= new Map());

// Idempotent: a known MAC is noted (note-known-device.ts), an unknown one becomes a pending
// device if its source address may register one more (admit-registration.ts) and the pending
// cap allows (pending-cap.ts).
export const registerDevice = async (report: DeviceReport): Promise<RegisterResult> => {
  const running = inflight.get(report.mac);
  if (running) {
    const { device } = await running.catch(() => ({ device: null }));
    if (device) return { device: await noteKnownDevice({ device, report }), created: false };
  }
  const attempt = registerOnce(report);
  inflight.set(report.mac, attempt);
  try {
    return await attempt;
  } finally {
    if (inflight.get(report.mac) === attempt) inflight.delete(report.mac);
  }
};

const identityOf = async (report: DeviceReport, { dhcpMode }: BootSettings): Promise<IdentityVerdict> =>
  report.identity ?? checkIdentity({ mac: report.mac, sourceIp: report.sourceIp, dhcpMode, stage: "register" });

const registerOnce = async (report: DeviceReport): Promise<RegisterResult> => {
  const settings = await loadBootSettings();
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const existing = await findBootDevice(report.mac);
    if (existing) return { device: await noteKnownDevice({ device: existing, report }), created: false };
    if (attempt === 0) await admitRegistration({ sourceIp: report.sourceIp, settings });
    // A machine-suggested hostname is only a suggestion: dropped when another device has it.
    const hostname = report.hostname && attempt === 0 ? report.hostname : undefined;
    try {
      const device = await createPending({ report, hostname, identity: await identityOf(report, settings), maxPendingDevices: settings.maxPendingDevices });
      rememberDroppedFields(device.id, report.dropped ?? []);
      // A rule may have approved it with a static IP: its dnsmasq reservation follows at once.
      if (device.status !== "pending") await afterDeviceChange(device);

      return { device, created: true };
    } catch (error) {
      if (error instanceof AppError && error.code === "unavailable") {
        await recordPendingCapHit({ maxPendingDevices: settings.maxPendingDevices, sourceIp: report.sourceIp });
      }
      if (!isUniqueViolation(error)) throw error;
    }
  }
  const device = await findBootDevice(report.mac);
  if (!device) throw new AppError("conflict", "the device was deleted while it registered: try again");

  return { device: await noteKnownDevice({ device, report }), created: false };
};
