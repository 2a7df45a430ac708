import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { WatchEvent } from "@/lib/schemas/worker-event";
import { createEventBatcher } from "@/worker/batch-events";

const event = (path: string, type: WatchEvent["type"] = "change"): WatchEvent => ({ type, path });

describe("createEventBatcher", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("delivers one batch after a quiet period, however many events came", () => {
    const onBatch = vi.fn();
    const batcher = createEventBatcher({ delayMs: 150, onBatch });
    batcher.push(event("/c/a"));
    vi.advanceTimersByTime(100);
    batcher.push(event("/c/b", "add"));
    vi.advanceTimersByTime(149);

    expect(onBatch).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onBatch).toHaveBeenCalledExactlyOnceWith([event("/c/a"), event("/c/b", "add")]);
  });

  it("starts a new batch after a flush", () => {
    const onBatch = vi.fn();
    const batcher = createEventBatcher({ delayMs: 10, onBatch });
    batcher.push(event("/c/a"));
    vi.advanceTimersByTime(10);
    batcher.push(event("/c/b"));
    vi.advanceTimersByTime(10);

    expect(onBatch.mock.calls).toEqual([[[event("/c/a")]], [[event("/c/b")]]]);
  });

  it("drops pending events on cancel", () => {
    const onBatch = vi.fn();
    const batcher = createEventBatcher({ delayMs: 10, onBatch });
    batcher.push(event("/c/a"));
    batcher.cancel();
    vi.advanceTimersByTime(100);

    expect(onBatch).not.toHaveBeenCalled();
  });
});
