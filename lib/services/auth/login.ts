import { inTransaction } from "@/lib/data/db";
import { listEventTimes } from "@/lib/data/events";
import { deleteExpiredSessions, insertSession } from "@/lib/data/sessions";
import { findUserByName } from "@/lib/data/users";
import { burnPasswordCheck, verifyPassword } from "@/lib/auth/password";
import { systemActor } from "@/lib/auth/principal";
import { newSessionExpiry } from "@/lib/auth/session-policy";
import { generateSecretToken, hashToken } from "@/lib/auth/tokens";
import { decideLoginThrottle, loginFailureLimit, loginFailureWindowMs } from "@/lib/domain/login-rate-limit";
import { recordEvent } from "@/lib/events/record-event";
import { webProcessShare } from "@/lib/web-processes";
import { loginSchema } from "@/lib/schemas/auth";

export type LoginOptions = { username: string; password: string; sourceIp?: string | null; userAgent?: string | null };

export type LoginResult =
  | { ok: true; sessionToken: string; expiresAt: Date; username: string }
  | { ok: false; reason: "invalid_credentials" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

// Checks credentials and opens a DB-backed session. The session id goes to the cookie; only its
// hash is stored. Failed attempts are audit events, which double as the rate limiter's memory
// (shared by every process, kept across restarts).
export const login = async ({ sourceIp = null, userAgent = null, ...input }: LoginOptions): Promise<LoginResult> => {
  const { username, password } = loginSchema.parse(input);
  const now = new Date();
  const key = sourceIp ?? "";
  // Attempts still being checked count as failures, so a burst of parallel guesses cannot all pass
  // the check before the first failure is recorded. The slot is taken before the first await.
  const others = inFlight.get(key) ?? 0;
  inFlight.set(key, others + 1);
  try {
    // With N web processes a parallel burst spreads over all of them and each sees 1/N of it: an
    // attempt in flight here counts N times, so the burst as a whole stays within the limit.
    const pending = Array.from({ length: Math.round(others / webProcessShare()) }, () => now);
    const throttle = decideLoginThrottle({ failures: [...(await recentFailures(sourceIp, now)), ...pending], now });
    // Refused attempts are not recorded: a flood of them would bury the log and extend the lockout.
    if (!throttle.allowed) return { ok: false, reason: "rate_limited", retryAfterSeconds: throttle.retryAfterSeconds };

    return await checkAndOpenSession({ username, password, sourceIp, userAgent, now });
  } finally {
    const left = (inFlight.get(key) ?? 1) - 1;
    if (left > 0) inFlight.set(key, left);
    else inFlight.delete(key);
  }
};

const inFlight = new Map<string, number>();

type CheckOptions = { username: string; password: string; sourceIp: string | null; userAgent: string | null; now: Date };

const checkAndOpenSession = async ({ username, password, sourceIp, userAgent, now }: CheckOptions): Promise<LoginResult> => {
  const user = await findUserByName(username);
  // Unknown users cost one scrypt too, so response time does not reveal which names exist.
  const valid = user ? await verifyPassword(password, user.passwordHash) : (await burnPasswordCheck(password), false);
  if (!user || !valid) {
    const reason = user ? "wrong_password" : "unknown_user";
    await recordEvent({ type: "auth.login_failed", actor: systemActor, sourceIp, details: { username, reason } });

    return { ok: false, reason: "invalid_credentials" };
  }

  const sessionToken = generateSecretToken();
  const expiresAt = newSessionExpiry(now);
  await inTransaction(async (tx) => {
    const session = { tokenHash: hashToken(sessionToken), userId: user.id, expiresAt, lastSeenAt: now, sourceIp, userAgent: userAgent?.slice(0, 256) ?? null };
    await insertSession({ session, db: tx });
    await recordEvent({ type: "auth.login", actor: { type: "user", id: user.id, name: user.username }, sourceIp }, tx);
    // Expired sessions are swept here, the one place sessions are created, instead of by a timer.
    await deleteExpiredSessions({ now, db: tx });
  });

  return { ok: true, sessionToken, expiresAt, username: user.username };
};

// Failures from this address in the window, ignoring those before its last successful login.
const recentFailures = async (sourceIp: string | null, now: Date): Promise<Date[]> => {
  const windowStart = new Date(now.getTime() - loginFailureWindowMs);
  const [lastSuccess] = await listEventTimes({ type: "auth.login", sourceIp, after: windowStart, limit: 1 });
  const since = lastSuccess && lastSuccess > windowStart ? lastSuccess : windowStart;

  return listEventTimes({ type: "auth.login_failed", sourceIp, after: since, limit: loginFailureLimit });
};
