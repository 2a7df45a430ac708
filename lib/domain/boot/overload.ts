// Backpressure on machine polls (docs/benchmarks.md, "Backpressure"): when a web process is
// overloaded, a pending machine's poll is answered with the waiting script it would get anyway,
// with a longer sleep, and without the poll's other work. iPXE obeys the sleep, so the rack's poll
// rate drops while the process catches up and the admin's requests are not queued behind polls.
export type LoadReading = { loopDelayMs: number; inFlight: number };
export type OverloadLimits = { loopDelayMs: number; busyInFlight: number; inFlight: number };

// Overloaded: the event loop lags (p99 over the last half second) while boot requests are queued
// in this process, or very many are. A lagging loop alone is not enough: one GC pause or one slow
// admin page lags it too, with no poll to blame.
export const defaultOverloadLimits: OverloadLimits = { loopDelayMs: 100, busyInFlight: 8, inFlight: 48 };

export const isOverloaded = ({ reading, limits = defaultOverloadLimits }: { reading: LoadReading; limits?: OverloadLimits }): boolean =>
  (reading.loopDelayMs >= limits.loopDelayMs && reading.inFlight >= limits.busyInFlight) || reading.inFlight >= limits.inFlight;

// The sleep told to a pending machine while overloaded: its poll interval stretched, at most a
// minute, never shorter than the configured interval. An approval is then seen up to that much
// later: the stretch is bounded so a batch still downloads well within a minute of its approval.
export const stretchedPollSeconds = ({ pollSeconds, factor = 3, capSeconds = 60 }: { pollSeconds: number; factor?: number; capSeconds?: number }): number =>
  Math.max(pollSeconds, Math.min(capSeconds, Math.round(pollSeconds * factor)));
