import { AppError } from "@/lib/domain/errors";
import { isBucketFull, takeToken, type BucketLimits, type BucketState } from "@/lib/domain/boot/token-bucket";
import { inTransaction } from "@/lib/data/db";
import { recordEvent } from "@/lib/events/record-event";
import { webProcessShare } from "@/lib/web-processes";
import { countRegistrationRefused } from "@/lib/metrics/count";
import type { BootSettings } from "./load-boot-settings";

// New-MAC registrations are anonymous writes: each is a row and an event. A token bucket per
// source IP bounds how fast one address can add devices (a known device polling never reaches
// this). The buckets live in this process's memory: with several web processes each holds 1/N of
// the budget, so together they admit no more than the setting (docs/flood-bounds.md). The map is bounded: full buckets carry no state and are dropped first.
const maxTrackedAddresses = 50_000;
const throttleEventEveryMs = 60_000;

type Limiter = { buckets: Map<string, BucketState>; lastEventAt: number; refusedSinceEvent: number };
const globalForLimiter = globalThis as unknown as { ktizoRegistrationLimiter?: Limiter };
const limiter = (globalForLimiter.ktizoRegistrationLimiter ??= { buckets: new Map(), lastEventAt: 0, refusedSinceEvent: 0 });

const prune = (limits: BucketLimits, now: number): void => {
  for (const [key, state] of limiter.buckets) if (isBucketFull({ state, limits, now })) limiter.buckets.delete(key);
  // Still too many (a flood from that many addresses): forget the oldest; they start full again.
  for (const key of limiter.buckets.keys()) {
    if (limiter.buckets.size <= maxTrackedAddresses / 2) break;
    limiter.buckets.delete(key);
  }
};

// One event per minute at most, however many requests are refused: the refusal is recorded
// (with the count since the last event) without the refusals themselves growing the log.
const recordThrottled = async (sourceIp: string, limits: BucketLimits, now: number): Promise<void> => {
  limiter.refusedSinceEvent += 1;
  if (now - limiter.lastEventAt < throttleEventEveryMs) return;
  const refused = limiter.refusedSinceEvent;
  limiter.lastEventAt = now;
  limiter.refusedSinceEvent = 0;
  // Own transaction: see pending-cap.ts (a bare write could join a concurrent, refused registration's).
  await inTransaction((tx) =>
    recordEvent(
      {
        type: "boot.registration_throttled",
        actor: { type: "system", name: "ktizo" },
        sourceIp,
        details: { refusedSinceLastEvent: refused, burst: limits.burst, perMinute: limits.perMinute },
      },
      tx,
    ),
  );
};

// Throws rate_limited (429) when this source address registered too many new MACs lately.
export const admitRegistration = async ({ sourceIp, settings }: { sourceIp: string | null; settings: BootSettings }): Promise<void> => {
  // The budget is for all web processes together: each holds its share of it (docs/flood-bounds.md).
  const share = webProcessShare();
  const limits = { burst: Math.max(1, Math.floor(settings.registrationBurst * share)), perMinute: settings.registrationsPerMinute * share };
  const key = sourceIp ?? "unknown";
  const now = Date.now();
  const result = takeToken({ state: limiter.buckets.get(key), limits, now });
  limiter.buckets.delete(key);
  limiter.buckets.set(key, result.state);
  if (limiter.buckets.size > maxTrackedAddresses) prune(limits, now);
  if (result.allowed) return;
  countRegistrationRefused("rate_limited");
  await recordThrottled(key, limits, now);
  throw new AppError("rate_limited", `ktizo: too many new machines from ${key}; retrying in ${result.retryAfterSeconds} s will work`);
};

// For tests: every bucket starts full again.
export const resetRegistrationLimiter = (): void => {
  limiter.buckets.clear();
  limiter.lastEventAt = 0;
  limiter.refusedSinceEvent = 0;
};
