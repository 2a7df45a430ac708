import { describe, expect, it } from "vitest";
import { createFifoSlots } from "./fifo-slots";

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));

  return { promise, resolve };
};

describe("createFifoSlots", () => {
  it("runs at most `limit` at once and starts the waiters in arrival order", async () => {
    const slots = createFifoSlots(2);
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = gates.map((gate, index) =>
      slots.run(async () => {
        started.push(index);
        await gate.promise;

        return index;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect({ running: slots.running(), waiting: slots.waiting() }).toEqual({ running: 2, waiting: 2 });
    gates[1]!.resolve();
    await runs[1];
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    gates[0]!.resolve();
    gates[2]!.resolve();
    gates[3]!.resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    expect(started).toEqual([0, 1, 2, 3]);
    expect({ running: slots.running(), waiting: slots.waiting() }).toEqual({ running: 0, waiting: 0 });
  });

  it("frees the slot when the work throws", async () => {
    const slots = createFifoSlots(1);
    await expect(slots.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await slots.run(async () => "next")).toBe("next");
    expect(slots.running()).toBe(0);
  });

  it.each([0, -1, 1.5, Number.NaN])("refuses the limit %s", (limit) => {
    expect(() => createFifoSlots(limit)).toThrow(RangeError);
  });
});
