// A token bucket (https://en.wikipedia.org/wiki/Token_bucket): `burst` tokens at most, refilled
// at `perMinute`; each admitted action takes one. Pure: the caller keeps the state per key.
export type BucketState = { tokens: number; updatedAt: number };
export type BucketLimits = { burst: number; perMinute: number };
export type BucketResult = { allowed: boolean; state: BucketState; retryAfterSeconds: number };

export const takeToken = ({ state, limits, now }: { state: BucketState | undefined; limits: BucketLimits; now: number }): BucketResult => {
  const burst = Math.max(1, limits.burst);
  const perMs = Math.max(0, limits.perMinute) / 60_000;
  const elapsed = state ? Math.max(0, now - state.updatedAt) : 0;
  const tokens = state ? Math.min(burst, state.tokens + elapsed * perMs) : burst;
  if (tokens >= 1) return { allowed: true, state: { tokens: tokens - 1, updatedAt: now }, retryAfterSeconds: 0 };
  const retryAfterSeconds = perMs > 0 ? Math.ceil((1 - tokens) / perMs / 1000) : 60;

  return { allowed: false, state: { tokens, updatedAt: now }, retryAfterSeconds };
};

// A bucket that has refilled completely carries no information: the key can be forgotten.
export const isBucketFull = ({ state, limits, now }: { state: BucketState; limits: BucketLimits; now: number }): boolean =>
  state.tokens + Math.max(0, now - state.updatedAt) * (limits.perMinute / 60_000) >= limits.burst;
