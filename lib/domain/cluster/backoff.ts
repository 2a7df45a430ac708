// Exponential backoff for calls to nodes that are not ready or not answering: base, 2×base, 4×base…
// capped at max. `attempt` counts failures so far (1 = the first failure).
export type BackoffOptions = { attempt: number; baseMs: number; maxMs: number };

export const backoffDelayMs = ({ attempt, baseMs, maxMs }: BackoffOptions): number =>
  attempt <= 0 ? 0 : Math.min(maxMs, baseMs * 2 ** Math.min(attempt - 1, 30));
