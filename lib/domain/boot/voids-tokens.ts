// A config token was minted for what the device was told at that moment. A change of any of these
// makes the promise stale (a new role, another address, local boot, a status change), so the
// device's live tokens are voided with the change; the next boot mints a fresh one.
// The first approval of a pending device is the exception: a pending device only holds a token in
// console-code mode (docs/devices.md), where Talos got the config URL once in its kernel args and
// fetches it, with the bearer of the approved code, right after this approval. That token promised
// no role or address yet, so the approval's assignment does not make it stale.
export type TokenRelevantState = { status: string; role: string | null; bootAction: string; ipAddress: string | null };

export const voidsTokens = (before: TokenRelevantState, after: TokenRelevantState): boolean => {
  if (before.status === "pending" && after.status === "approved" && before.bootAction === after.bootAction) return false;

  return before.status !== after.status || before.role !== after.role || before.bootAction !== after.bootAction || before.ipAddress !== after.ipAddress;
};
