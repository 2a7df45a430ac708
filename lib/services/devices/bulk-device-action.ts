import type { Actor } from "@/lib/auth/principal";
import { AppError, isAppError } from "@/lib/domain/errors";
import type { BulkDeviceInput, BulkResult } from "@/lib/schemas/device";
import { approveDevices } from "./approve-device";
import { deleteDevice } from "./delete-device";
import { rejectDevice } from "./reject-device";

type BulkOptions = { input: BulkDeviceInput; actor: Actor; sourceIp: string | null };

export type { BulkResult };

// Each device is decided on its own (one conflict does not undo the others); the answer lists
// which ids succeeded and why the others failed. Approval, the rack's bulk action, runs as one
// synchronous transaction with a savepoint per device (approve-device.ts).
export const bulkDeviceAction = async ({ input, actor, sourceIp }: BulkOptions): Promise<BulkResult> => {
  if (input.action === "approve" && !input.role) {
    throw new AppError("validation_failed", "bulk approve requires a role", [{ path: "role", message: "required for approve" }]);
  }
  const ids = [...new Set(input.ids)];
  const result: BulkResult = { action: input.action, succeeded: [], failed: [] };
  if (input.action === "approve") {
    for (const outcome of await approveDevices({ ids, input: { role: input.role! }, actor, sourceIp })) {
      if ("device" in outcome) result.succeeded.push(outcome.id);
      else result.failed.push({ id: outcome.id, code: outcome.error.code, message: outcome.error.message });
    }

    return result;
  }
  for (const id of ids) {
    try {
      if (input.action === "reject") await rejectDevice({ id, actor, sourceIp });
      else await deleteDevice({ id, actor, sourceIp });
      result.succeeded.push(id);
    } catch (error) {
      if (!isAppError(error)) throw error;
      result.failed.push({ id, code: error.code, message: error.message });
    }
  }

  return result;
};
