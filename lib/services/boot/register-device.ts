import { findBootDevice, insertPendingDevice, insertPendingDeviceNow, type BootDevice, type Device } from "@/lib/data/boot-devices";
import { inTransaction } from "@/lib/data/db";
import { enabledRuleGatesNow } from "@/lib/data/rules";
import { isUniqueViolation } from "@/lib/data/unique-violation";
import { writeNow } from "@/lib/data/write-now";
import { ruleGateBlock } from "@/lib/domain/rules/rule-gate";
import { AppError } from "@/lib/domain/errors";
import { recordEvent, recordEventNow, type RecordEventInput } from "@/lib/events/record-event";
import type { DroppedField } from "@/lib/schemas/device";
import { applyApprovalRules } from "@/lib/services/rules";
import { afterDeviceChange } from "@/lib/services/devices";
import type { IdentityVerdict } from "@/lib/domain/identity/decide-identity";
import { admitRegistration } from "./admit-registration";
import { checkIdentity } from "./check-identity";
import { loadBootSettings, type BootSettings } from "./load-boot-settings";
import { noteKnownDevice, rememberDroppedFields } from "./note-known-device";
import { checkPendingCap, checkPendingCapNow, recordPendingCapHit } from "./pending-cap";

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

type PendingOptions = { report: DeviceReport; hostname: string | undefined; identity: IdentityVerdict; maxPendingDevices: number };

const newPendingDevice = ({ report, hostname, identity }: PendingOptions) => ({
  mac: report.mac,
  uuid: report.uuid ?? null,
  serial: report.serial ?? null,
  arch: report.arch ?? null,
  hostname: hostname ?? null,
  lastSourceIp: report.sourceIp,
  identity,
});

const registrationEvents = (device: Pick<BootDevice, "id" | "mac" | "uuid" | "serial" | "arch">, { report, identity }: PendingOptions): RecordEventInput[] => {
  const actor = { type: "device" as const, id: device.id, name: device.mac };
  const dropped = report.dropped ?? [];
  const registered: RecordEventInput = {
    type: "device.registered",
    actor,
    sourceIp: report.sourceIp,
    deviceId: device.id,
    details: { mac: device.mac, uuid: device.uuid, serial: device.serial, arch: device.arch, via: report.via, identity: identity.status, ...(dropped.length ? { dropped } : {}) },
  };

  return dropped.length > 0 ? [registered, { type: "device.report_invalid", actor, sourceIp: report.sourceIp, deviceId: device.id, details: { dropped } }] : [registered];
};

// The common case, a new MAC that no enabled rule could decide on, as one short synchronous
// transaction of prepared statements (lib/data/write-now.ts): the cap, the row and its events cost
// well under a millisecond, where the ORM's interactive transaction cost ~6 ms of CPU per machine,
// the largest share of a rack's power-on (docs/benchmarks.md). null when a rule's gate is open for
// this request: the rules then decide in the ORM transaction below, in the same transaction as the
// insert, so such a device is never seen pending. Reading the rules inside this transaction means a
// rule saved meanwhile is either seen here or saved after the device exists.
const createPendingNow = (options: PendingOptions): Promise<BootDevice | null> =>
  writeNow((tx) => {
    const gate = { sourceIp: options.report.sourceIp, identityStatus: options.identity.status };
    if (enabledRuleGatesNow(tx).some((rule) => ruleGateBlock(rule, gate) === null)) return null;
    checkPendingCapNow({ tx, maxPendingDevices: options.maxPendingDevices });
    const device = insertPendingDeviceNow({ tx, device: newPendingDevice(options) });
    for (const event of registrationEvents(device, options)) recordEventNow(event, tx);

    return device;
  });

const createPending = async (options: PendingOptions): Promise<Device> =>
  inTransaction(async (tx) => {
    await checkPendingCap({ tx, maxPendingDevices: options.maxPendingDevices });
    const device = await insertPendingDevice({ tx, device: newPendingDevice(options) });
    for (const event of registrationEvents(device, options)) await recordEvent(event, tx);

    // Auto-approval rules (docs/rules-groups-webhooks.md) decide in the same transaction: a device is never seen
    // pending by anyone when a rule approves or rejects it. A rule approves only from its source
    // subnets and only a request whose address is bound to the MAC (lib/domain/rules/rule-gate.ts).
    return (await applyApprovalRules({ device, tx, gate: { sourceIp: options.report.sourceIp, identityStatus: options.identity.status } })) ?? device;
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
      const options = { report, hostname, identity: await identityOf(report, settings), maxPendingDevices: settings.maxPendingDevices };
      const quick = await createPendingNow(options);
      if (quick) {
        rememberDroppedFields(quick.id, report.dropped ?? []);

        return { device: quick, created: true };
      }
      const device = await createPending(options);
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
