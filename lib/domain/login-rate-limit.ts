// Failed-login throttling per source IP. 5 failures in 5 minutes is far above what a person
// mistyping needs and far below what guessing needs; the window slides, so the wait ends when the
// oldest counted failure leaves it.
export const loginFailureLimit = 5;
export const loginFailureWindowMs = 5 * 60 * 1000;

export type LoginThrottle = { allowed: true } | { allowed: false; retryAfterSeconds: number };

type DecideLoginThrottleOptions = {
  // Times of failed logins from this address inside the window (any order).
  failures: Date[];
  now: Date;
  limit?: number;
  windowMs?: number;
};

export const decideLoginThrottle = ({
  failures,
  now,
  limit = loginFailureLimit,
  windowMs = loginFailureWindowMs,
}: DecideLoginThrottleOptions): LoginThrottle => {
  const recent = failures
    .map((at) => at.getTime())
    .filter((at) => at > now.getTime() - windowMs)
    .sort((a, b) => b - a);
  if (recent.length < limit) return { allowed: true };
  // The wait ends when the limit-th newest failure drops out of the window.
  const releasingFailure = recent[limit - 1] ?? now.getTime();
  const waitMs = releasingFailure + windowMs - now.getTime();

  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
};
