import type { WatchEvent } from "@/lib/schemas/worker-event";

export type EventBatcher = {
  push: (event: WatchEvent) => void;
  // Drop pending events (shutdown).
  cancel: () => void;
};

export type EventBatcherOptions = { delayMs: number; onBatch: (events: WatchEvent[]) => void };

// Trailing debounce: one apply writes the main config and several hosts files within a few
// milliseconds; acting once on the whole batch means one dnsmasq restart instead of several.
export const createEventBatcher = ({ delayMs, onBatch }: EventBatcherOptions): EventBatcher => {
  let pending: WatchEvent[] = [];
  let timer: NodeJS.Timeout | undefined;

  const flush = () => {
    const events = pending;
    pending = [];
    timer = undefined;
    if (events.length) onBatch(events);
  };

  return {
    push: (event) => {
      pending.push(event);
      clearTimeout(timer);
      timer = setTimeout(flush, delayMs);
    },
    cancel: () => {
      clearTimeout(timer);
      pending = [];
    },
  };
};
