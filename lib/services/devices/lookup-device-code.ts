import { hashToken } from "@/lib/auth/tokens";
import { findAuthorizationByUserCode, listLivePendingForDevice, transitionAuthorization, type DeviceAuthorization } from "@/lib/data/device-authorizations";
import { AppError } from "@/lib/domain/errors";
import { recordEvent } from "@/lib/events/record-event";
import type { DeviceJson } from "@/lib/schemas/device";
import type { DeviceCodeJson } from "@/lib/schemas/oauth";
import { deviceCodeJson } from "./device-code-json";
import { deviceJson } from "./device-json";
import { getDeviceOrThrow, type DeviceWithGroup } from "./get-device-or-throw";

export type DeviceCodeLookup = { code: DeviceCodeJson; device: DeviceJson; otherPendingCodes: number };
export type WaitingCode = { row: DeviceAuthorization; device: DeviceWithGroup; otherPendingCodes: number };

const noDevice = "no device is waiting for this code: check the code on the console (it may also have expired or been decided)";

// The pending, unexpired request a typed code belongs to. A code that lapsed is marked expired
// (with its event) and answered as such; every other miss gets the same answer.
export const findWaitingCode = async (code: string, now = new Date()): Promise<WaitingCode> => {
  const row = await findAuthorizationByUserCode(hashToken(code));
  if (!row || row.status !== "pending") throw new AppError("not_found", noDevice);
  if (row.expiresAt.getTime() <= now.getTime()) {
    if (await transitionAuthorization({ id: row.id, from: ["pending"], data: { status: "expired" } })) {
      await recordEvent({ type: "device.code_expired", actor: { type: "system", name: "ktizo" }, deviceId: row.deviceId, details: { authorizationId: row.id, requestedFrom: row.sourceIp } });
    }
    throw new AppError("not_found", `this code expired at ${row.expiresAt.toISOString()}: reboot the machine for a new one`);
  }
  const [device, pending] = await Promise.all([getDeviceOrThrow(row.deviceId), listLivePendingForDevice({ deviceId: row.deviceId, now })]);

  return { row, device, otherPendingCodes: pending.filter((other) => other.id !== row.id).length };
};

// POST /api/v1/device-codes/lookup: which device a console code belongs to, before deciding.
export const lookupDeviceCode = async ({ code }: { code: string }): Promise<DeviceCodeLookup> => {
  const { row, device, otherPendingCodes } = await findWaitingCode(code);

  return { code: deviceCodeJson(row), device: deviceJson(device), otherPendingCodes };
};

export type DecidedCode = { status: string; mac: string; decidedAt: string | null; decidedBy: string | null };

// A code that no device waits for any more: what became of it (for the code page, after a decision).
export const describeDecidedCode = async ({ code }: { code: string }): Promise<DecidedCode | null> => {
  const row = await findAuthorizationByUserCode(hashToken(code));
  if (!row || row.status === "pending") return null;
  const device = await getDeviceOrThrow(row.deviceId);

  return { status: row.status === "issued" || row.status === "used" ? "approved" : row.status, mac: device.mac, decidedAt: row.decidedAt?.toISOString() ?? null, decidedBy: row.decidedBy };
};
