// A config token was minted for what the device was told at that moment. A change of any of these
// makes the promise stale (a new role, another address, local boot, a status change), so the
// device's live tokens are voided with the change; the next boot mints a fresh one.
export type TokenRelevantState = { status: string; role: string | null; bootAction: string; ipAddress: string | null };

export const voidsTokens = (before: TokenRelevantState, after: TokenRelevantState): boolean =>
  before.status !== after.status || before.role !== after.role || before.bootAction !== after.bootAction || before.ipAddress !== after.ipAddress;
