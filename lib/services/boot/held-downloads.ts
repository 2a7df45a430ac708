import { AppError } from "@/lib/domain/errors";
import { recordPlainEvent } from "@/lib/events/record-plain-event";
import { countConfigDownload, setHeldDownloads } from "@/lib/metrics/count";
import { leaveMachineLane } from "@/lib/http/machine-lane";

// Held config downloads (a pending device's request kept open until approval) each cost an open
// socket and a waiter: at most `maxHeldDownloads` per process. Beyond it a request is answered at
// once with 503 (Talos retries the download); the refusal is counted, and recorded as an event
// at most once a minute with the number refused since.
const capEventEveryMs = 60_000;

type Held = { count: number; lastEventAt: number; refusedSinceEvent: number };
const globalForHeld = globalThis as unknown as { ktizoHeldDownloads?: Held };
const held = (globalForHeld.ktizoHeldDownloads ??= { count: 0, lastEventAt: 0, refusedSinceEvent: 0 });

export const heldDownloadCount = (): number => held.count;

const recordCapHit = async (max: number, sourceIp: string | null): Promise<void> => {
  held.refusedSinceEvent += 1;
  const now = Date.now();
  if (now - held.lastEventAt < capEventEveryMs) return;
  const refused = held.refusedSinceEvent;
  held.lastEventAt = now;
  held.refusedSinceEvent = 0;
  await recordPlainEvent({ type: "config.refused", actor: { type: "system", name: "ktizo" }, sourceIp, details: { reason: "held-download cap reached", maxHeldDownloads: max, refusedSinceLastEvent: refused } });
};

// One slot per request: acquired the first time the request is held, released when it ends.
export const holdSlot = () => {
  let holding = false;

  return {
    acquire: async ({ max, sourceIp }: { max: number; sourceIp: string | null }): Promise<void> => {
      if (holding) return;
      if (held.count >= max) {
        countConfigDownload("refused");
        await recordCapHit(max, sourceIp);
        throw new AppError("unavailable", `ktizo: ${held.count} config downloads are already held (the limit is ${max}); try again shortly`);
      }
      holding = true;
      held.count += 1;
      setHeldDownloads(held.count);
      // A held request waits for an approval, not for this process's CPU: its lane slot goes to
      // the next machine request (machine-lane.ts).
      leaveMachineLane();
    },
    release: (): void => {
      if (!holding) return;
      holding = false;
      held.count -= 1;
      setHeldDownloads(held.count);
    },
  };
};
