import { createEventWindow, type EventAdmission, type EventWindow } from "@/lib/domain/boot/event-window";

// One window per web process for events a replayed machine request would otherwise write on
// every attempt (refused downloads, identity mismatches): once per device + reason + source
// address a minute, and at most 60 of one type a minute in all (docs/flood-bounds.md). The
// callers count every occurrence in /metrics, recorded or not.
const limits = { windowMs: 60_000, budget: 60, maxKeys: 10_000 };

const globalForWindow = globalThis as unknown as { ktizoBoundedEvents?: EventWindow };
const window = (globalForWindow.ktizoBoundedEvents ??= createEventWindow(limits));

export const admitBoundedEvent = ({ key, type }: { key: string; type: string }): EventAdmission => window.admit({ key, group: type, now: Date.now() });

// What a recorded event says about what it stands for: repeats of its own key, and events of its
// type the per-minute budget dropped since the type's last recorded event (a flood of distinct
// keys cannot hide an attempt without the next event saying how many went unrecorded).
export const boundedDetails = ({ repeats, dropped }: EventAdmission): { repeatsSinceLastEvent?: number; droppedSinceLastEvent?: number } => ({
  ...(repeats ? { repeatsSinceLastEvent: repeats } : {}),
  ...(dropped ? { droppedSinceLastEvent: dropped } : {}),
});

// For tests: every key and budget starts afresh.
export const resetBoundedEvents = (): void => window.clear();
