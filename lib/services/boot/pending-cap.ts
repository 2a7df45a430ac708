import { countPendingDevices, countPendingDevicesNow } from "@/lib/data/boot-devices";
import type { NowTx } from "@/lib/data/write-now";
import { inTransaction, type Tx } from "@/lib/data/db";
import { AppError } from "@/lib/domain/errors";
import { recordEvent } from "@/lib/events/record-event";
import { countRegistrationRefused } from "@/lib/metrics/count";

// The pending-device cap: beyond `maxPendingDevices` a new MAC is not registered (503, the
// entry script retries). Checked inside the registration's transaction, so concurrent
// registrations in this process cannot overshoot it. The event is throttled: one when the cap
// is hit, then at most one an hour while it stays hit, with the count of refusals since.
const capEventEveryMs = 3_600_000;

type CapState = { lastEventAt: number; refusedSinceEvent: number };
const globalForCap = globalThis as unknown as { ktizoPendingCap?: CapState };
const cap = (globalForCap.ktizoPendingCap ??= { lastEventAt: 0, refusedSinceEvent: 0 });

export const checkPendingCap = async ({ tx, maxPendingDevices }: { tx: Tx; maxPendingDevices: number }): Promise<void> =>
  refuseOverCap({ pending: await countPendingDevices(tx), maxPendingDevices });

// The same check inside a registration's synchronous transaction (lib/data/write-now.ts).
export const checkPendingCapNow = ({ tx, maxPendingDevices }: { tx: NowTx; maxPendingDevices: number }): void =>
  refuseOverCap({ pending: countPendingDevicesNow(tx), maxPendingDevices });

const refuseOverCap = ({ pending, maxPendingDevices }: { pending: number; maxPendingDevices: number }): void => {
  if (pending < maxPendingDevices) return;
  countRegistrationRefused("pending_cap");
  cap.refusedSinceEvent += 1;
  throw new AppError("unavailable", `ktizo: ${pending} devices are pending approval (the limit is ${maxPendingDevices}); new machines are not registered until some are approved, rejected or deleted`);
};

// Called after the refused registration's transaction rolled back (its event must not roll back with it).
export const recordPendingCapHit = async ({ maxPendingDevices, sourceIp }: { maxPendingDevices: number; sourceIp: string | null }): Promise<void> => {
  const now = Date.now();
  if (now - cap.lastEventAt < capEventEveryMs) return;
  const refused = cap.refusedSinceEvent;
  cap.lastEventAt = now;
  cap.refusedSinceEvent = 0;
  // In a transaction of its own: with one SQLite connection, a write outside any transaction
  // that runs while a concurrent registration's transaction is open joins that transaction, and
  // that one is being refused (rolled back) for the same cap.
  await inTransaction((tx) =>
    recordEvent({ type: "boot.pending_cap_reached", actor: { type: "system", name: "ktizo" }, sourceIp, details: { maxPendingDevices, refusedSinceLastEvent: refused } }, tx),
  );
};

export const resetPendingCapEvents = (): void => {
  cap.lastEventAt = 0;
  cap.refusedSinceEvent = 0;
};
