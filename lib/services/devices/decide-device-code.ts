import type { Actor } from "@/lib/auth/principal";
import { inTransaction } from "@/lib/data/db";
import { denyOtherPending, findAuthorizationById, transitionAuthorization } from "@/lib/data/device-authorizations";
import { AppError } from "@/lib/domain/errors";
import { recordEvent } from "@/lib/events/record-event";
import type { ApproveDeviceCodeInput } from "@/lib/schemas/oauth";
import { approveDevice } from "./approve-device";
import { deviceCodeJson } from "./device-code-json";
import { deviceJson } from "./device-json";
import { getDeviceOrThrow } from "./get-device-or-throw";
import { findWaitingCode, type DeviceCodeLookup } from "./lookup-device-code";

type ApproveOptions = { input: ApproveDeviceCodeInput; actor: Actor; sourceIp: string | null };
type DenyOptions = { code: string; actor: Actor; sourceIp: string | null };

const lostRace = () => new AppError("conflict", "this code was decided or expired meanwhile");

// POST /api/v1/device-codes/approve. A code of a device already approved (by MAC, by an admin or a
// rule) completes it; a code of a pending device approves the device in the same step, with the
// role, hostname, IP and disk of the approve dialog. Other waiting codes of the same device are
// denied: whoever asked them is not the machine whose console the admin read.
export const approveDeviceCode = async ({ input, actor, sourceIp }: ApproveOptions): Promise<DeviceCodeLookup> => {
  const { code, ...assignment } = input;
  const waiting = await findWaitingCode(code);
  if (waiting.device.status === "rejected") throw new AppError("conflict", "the device is rejected: change its status before approving its code");
  if (waiting.device.status !== "approved") {
    if (!assignment.role) throw new AppError("validation_failed", "role: choose controlplane or worker to approve this device", [{ path: "role", message: "choose controlplane or worker to approve this device" }]);
    await approveDevice({ id: waiting.device.id, input: { ...assignment, role: assignment.role }, actor, sourceIp });
  }
  const by = actor.name ?? actor.type;
  await inTransaction(async (tx) => {
    const won = await transitionAuthorization(
      { id: waiting.row.id, from: ["pending"], where: { expiresAt: { gt: new Date() } }, data: { status: "approved", decidedAt: new Date(), decidedBy: by } },
      tx,
    );
    if (!won) throw lostRace();
    const others = await denyOtherPending({ deviceId: waiting.device.id, keepId: waiting.row.id, decidedBy: by }, tx);
    await recordEvent(
      { type: "device.code_approved", actor, sourceIp, deviceId: waiting.device.id, details: { authorizationId: waiting.row.id, requestedFrom: waiting.row.sourceIp, otherCodesDenied: others.count } },
      tx,
    );
  });

  return lookupAfter(waiting.row.id, waiting.device.id);
};

// POST /api/v1/device-codes/deny: the machine polling this code gets access_denied.
export const denyDeviceCode = async ({ code, actor, sourceIp }: DenyOptions): Promise<DeviceCodeLookup> => {
  const waiting = await findWaitingCode(code);
  const by = actor.name ?? actor.type;
  await inTransaction(async (tx) => {
    const won = await transitionAuthorization({ id: waiting.row.id, from: ["pending"], data: { status: "denied", decidedAt: new Date(), decidedBy: by } }, tx);
    if (!won) throw lostRace();
    await recordEvent({ type: "device.code_denied", actor, sourceIp, deviceId: waiting.device.id, details: { authorizationId: waiting.row.id, requestedFrom: waiting.row.sourceIp } }, tx);
  });

  return lookupAfter(waiting.row.id, waiting.device.id);
};

// The decided request and its device as they are now (the lookup only finds waiting codes).
const lookupAfter = async (authorizationId: string, deviceId: string): Promise<DeviceCodeLookup> => {
  const [row, device] = await Promise.all([findAuthorizationById(authorizationId), getDeviceOrThrow(deviceId)]);
  if (!row) throw lostRace();

  return { code: deviceCodeJson(row), device: deviceJson(device), otherPendingCodes: 0 };
};
