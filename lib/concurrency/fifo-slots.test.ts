import { describe, expect, it } from "vitest";
import { createFifoSlots } from "@/lib/concurrency/fifo-slots";

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

  it("frees the slot when the work throws before it returns a promise", async () => {
    const slots = createFifoSlots(1);
    await expect(slots.run(() => { throw new Error("sync"); })).rejects.toThrow("sync");
    expect(slots.running()).toBe(0);
  });

  it("enter: a cancelled waiter is skipped, a release counts once, and a waiter cannot release", () => {
    const slots = createFifoSlots(1);
    const started: string[] = [];
    const first = slots.enter(() => started.push("first"));
    const gone = slots.enter(() => started.push("gone"));
    const third = slots.enter(() => started.push("third"));
    expect({ started, running: slots.running(), waiting: slots.waiting() }).toEqual({ started: ["first"], running: 1, waiting: 2 });

    gone.release(); // still waiting: nothing to give on
    gone.cancel();
    expect(slots.waiting()).toBe(1);
    first.release();
    first.release(); // a second release must not free a slot it no longer holds
    expect({ started, running: slots.running(), waiting: slots.waiting() }).toEqual({ started: ["first", "third"], running: 1, waiting: 0 });
    third.cancel(); // holding: cancel gives nothing up
    third.release();
    expect({ running: slots.running(), waiting: slots.waiting() }).toEqual({ running: 0, waiting: 0 });
  });

  it("enter: a holder started at once gets its ticket before it runs, so it can release at once", () => {
    const slots = createFifoSlots(1);
    slots.enter((ticket) => ticket.release());
    expect(slots.running()).toBe(0);
  });

  it.each([0, -1, 1.5, Number.NaN])("refuses the limit %s", (limit) => {
    expect(() => createFifoSlots(limit)).toThrow(RangeError);
  });
});
