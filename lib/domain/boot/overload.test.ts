import { describe, expect, it } from "vitest";
import { isOverloaded, stretchedPollSeconds } from "@/lib/domain/boot/overload";

describe("isOverloaded", () => {
  it.each([
    [{ loopDelayMs: 5, inFlight: 3 }, false],
    [{ loopDelayMs: 99, inFlight: 47 }, false],
    // A lagging loop with no poll queued: a GC pause or a slow page, not the rack.
    [{ loopDelayMs: 400, inFlight: 1 }, false],
    [{ loopDelayMs: 100, inFlight: 8 }, true],
    [{ loopDelayMs: 0, inFlight: 48 }, true],
    [{ loopDelayMs: 900, inFlight: 200 }, true],
  ])("%j → %s", (reading, overloaded) => {
    expect(isOverloaded({ reading })).toBe(overloaded);
  });

  it("follows the limits given", () => {
    expect(isOverloaded({ reading: { loopDelayMs: 20, inFlight: 1 }, limits: { loopDelayMs: 10, busyInFlight: 1, inFlight: 100 } })).toBe(true);
  });
});

describe("stretchedPollSeconds", () => {
  it.each([
    [{ pollSeconds: 10 }, 30],
    [{ pollSeconds: 5 }, 15],
    [{ pollSeconds: 30 }, 60],
    [{ pollSeconds: 90 }, 90],
    [{ pollSeconds: 10, factor: 2, capSeconds: 15 }, 15],
    [{ pollSeconds: 1 }, 3],
  ])("%j → %d s", (options, seconds) => {
    expect(stretchedPollSeconds(options)).toBe(seconds);
  });
});
