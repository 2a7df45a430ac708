// At most `limit` holders at a time; the others wait in arrival order. A waiter costs a parked
// promise, nothing else. Used to let only a few boot requests work at once in a web process, so an
// admin request never queues behind hundreds of machine requests (docs/benchmarks.md, "Backpressure").
export type FifoSlots = { run: <T>(work: () => Promise<T>) => Promise<T>; running: () => number; waiting: () => number };

export const createFifoSlots = (limit: number): FifoSlots => {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`slot limit must be a positive integer, got ${limit}`);
  const queue: (() => void)[] = [];
  let running = 0;

  const release = () => {
    const next = queue.shift();
    if (next) next();
    else running -= 1;
  };

  const acquire = (): Promise<void> => {
    if (running < limit) {
      running += 1;

      return Promise.resolve();
    }

    // The slot passes straight from the releasing holder to the oldest waiter (running stays the same).
    return new Promise((resolve) => queue.push(resolve));
  };

  return {
    run: async (work) => {
      await acquire();
      try {
        return await work();
      } finally {
        release();
      }
    },
    running: () => running,
    waiting: () => queue.length,
  };
};
