// A nudge from the outbox writer to the dispatcher of this process, so a new delivery goes out
// within moments instead of at the next poll. Deferred a little: the writer's transaction must
// commit before the dispatcher can see the row. Losing a nudge costs only latency.
type Waker = () => void;

const globalForWake = globalThis as unknown as { ktizoWebhookWakers?: Set<Waker> };
const wakers = (globalForWake.ktizoWebhookWakers ??= new Set());

const commitGraceMs = 100;

export const onWebhookWake = (waker: Waker): (() => void) => {
  wakers.add(waker);

  return () => wakers.delete(waker);
};

export const wakeWebhookDispatcher = (): void => {
  if (wakers.size === 0) return;
  setTimeout(() => wakers.forEach((waker) => waker()), commitGraceMs).unref?.();
};
