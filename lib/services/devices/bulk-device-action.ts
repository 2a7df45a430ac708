import type { Actor } from "@/lib/auth/principal";
import { AppError, isAppError } from "@/lib/domain/errors";
import type { BulkDeviceInput, BulkResult } from "@/lib/schemas/device";
import { approveDevice } from "./approve-device";
import { deleteDevice } from "./delete-device";
import { rejectDevice } from "./reject-device";

type BulkOptions = { input: BulkDeviceInput; actor: Actor; sourceIp: string | null };

export type { BulkResult };

// Each device is decided on its own (one conflict does not undo the others); the answer lists
// which ids succeeded and why the others failed.
export const bulkDeviceAction = async ({ input, actor, sourceIp }: BulkOptions): Promise<BulkResult> => {
  if (input.action === "approve" && !input.role) {
    throw new AppError("validation_failed", "bulk approve requires a role", [{ path: "role", message: "required for approve" }]);
  }
  const result: BulkResult = { action: input.action, succeeded: [], failed: [] };
  for (const id of new Set(input.ids)) {
    try {
      if (input.action === "approve") await approveDevice({ id, input: { role: input.role! }, actor, sourceIp });
      else if (input.action === "reject") await rejectDevice({ id, actor, sourceIp });
      else await deleteDevice({ id, actor, sourceIp });
      result.succeeded.push(id);
    } catch (error) {
      if (!isAppError(error)) throw error;
      result.failed.push({ id, code: error.code, message: error.message });
    }
  }

  return result;
};
