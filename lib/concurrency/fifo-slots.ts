// At most `limit` holders at a time; the others wait in arrival order. A waiter costs a queue entry,
// nothing else. Two users: a web process's machine lane (lib/http/machine-lane.ts: machine requests
// into Next) and its boot slots (lib/services/boot/overload.ts: boot requests doing their work), so
// an admin request never queues behind hundreds of machine requests (docs/benchmarks.md, "Backpressure").

// What a holder or a waiter has: `release` gives the slot on to the oldest waiter still waiting (once;
// later calls and calls while still waiting do nothing); `cancel` gives up a place in the queue.
export type SlotTicket = { release: () => void; cancel: () => void };

export type FifoSlots = {
  // Calls `start` with the ticket at once when a slot is free, otherwise when its turn comes.
  enter: (start: (ticket: SlotTicket) => void) => SlotTicket;
  // `work` in a slot; the slot is released when it settles.
  run: <T>(work: () => Promise<T>) => Promise<T>;
  running: () => number;
  waiting: () => number;
};

type Waiter = { start: () => void; state: "waiting" | "holding" | "done" };

export const createFifoSlots = (limit: number): FifoSlots => {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`slot limit must be a positive integer, got ${limit}`);
  const queue: Waiter[] = [];
  let running = 0;
  let waiting = 0;

  // The slot passes straight from the releasing holder to the oldest waiter (running stays the same);
  // cancelled waiters are skipped where they stand.
  const passOn = () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      if (next.state !== "waiting") continue;
      waiting -= 1;
      next.state = "holding";
      next.start();

      return;
    }
    running -= 1;
  };

  const enter = (start: (ticket: SlotTicket) => void): SlotTicket => {
    const waiter: Waiter = { start: () => start(ticket), state: "waiting" };
    const ticket: SlotTicket = {
      release: () => {
        if (waiter.state !== "holding") return;
        waiter.state = "done";
        passOn();
      },
      cancel: () => {
        if (waiter.state !== "waiting") return;
        waiter.state = "done";
        waiting -= 1;
      },
    };
    if (running < limit) {
      running += 1;
      waiter.state = "holding";
      waiter.start();
    } else {
      waiting += 1;
      queue.push(waiter);
    }

    return ticket;
  };

  return {
    enter,
    run: (work) =>
      new Promise((resolve, reject) => {
        enter((ticket) => {
          const settle = <V>(then: (value: V) => void) => (value: V) => {
            ticket.release();
            then(value);
          };
          try {
            work().then(settle(resolve), settle(reject));
          } catch (error) {
            settle(reject)(error);
          }
        });
      }),
    running: () => running,
    waiting: () => waiting,
  };
};
