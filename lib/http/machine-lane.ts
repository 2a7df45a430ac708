import { AsyncLocalStorage } from "node:async_hooks";
import type { IncomingMessage, ServerResponse } from "node:http";
import { isMachineLaneRequest } from "@/lib/domain/boot/machine-lane";

// A web process's machine lane (docs/benchmarks.md, "Machine lane"): at most `laneSlots` machine
// requests are inside Next at once; the others wait, in arrival order, BEFORE Next sees them. A
// waiting request costs its parsed head and a queue entry, no CPU. During a power-on hundreds of
// machine requests are open on each process; let into Next all at once, every step of an admin
// request (its awaits included) would queue behind all of them. Admin requests never wait here.
//
// A request holds its slot while it uses this process's CPU: until its response head is written
// (a streamed kernel holds none while it streams), or until it leaves the lane to wait for
// something else (a held config download, a pull from Image Factory: leaveMachineLane), or until
// its connection closes.
const laneSlots = 16;

type Ticket = { leave: () => void };
type Waiter = { start: () => void; queued: boolean; cancelled: boolean };
type Lane = { running: number; waiting: number; queue: Waiter[]; context: AsyncLocalStorage<Ticket> };

// On globalThis: scripts/web-process.ts and Next's bundle of lib/ load this module separately, and
// leaveMachineLane (called inside a route) must reach the lane the server admitted the request to.
const globalForLane = globalThis as unknown as { ktizoMachineLane?: Lane };
const lane = (): Lane => (globalForLane.ktizoMachineLane ??= { running: 0, waiting: 0, queue: [], context: new AsyncLocalStorage() });

// The slot passes straight to the oldest waiter still connected (running stays the same).
const passOn = (state: Lane): void => {
  for (let next = state.queue.shift(); next; next = state.queue.shift()) {
    next.queued = false;
    if (next.cancelled) continue;
    state.waiting -= 1;
    next.start();

    return;
  }
  state.running -= 1;
};

// scripts/web-process.ts: every request goes through here; `handle` hands it to Next.
export const throughMachineLane = (req: IncomingMessage, res: ServerResponse, handle: () => void): void => {
  if (!isMachineLaneRequest(req)) {
    handle();

    return;
  }
  const state = lane();
  let holding = false;
  const leave = () => {
    if (!holding) return;
    holding = false;
    passOn(state);
  };
  const start = () => {
    holding = true;
    state.context.run({ leave }, handle);
  };
  const waiter: Waiter = { start, queued: false, cancelled: false };
  // Node writes every response head through writeHead, an implicit one too (ServerResponse's
  // _implicitHeader): from there on the request streams or is done with this process's CPU.
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse["writeHead"]>) {
    leave();

    return writeHead.apply(this, args);
  } as ServerResponse["writeHead"];
  res.once("close", () => {
    if (holding) leave();
    // Gone while waiting: skipped when its turn comes.
    else if (waiter.queued && !waiter.cancelled) {
      waiter.cancelled = true;
      state.waiting -= 1;
    }
  });
  if (state.running < laneSlots) {
    state.running += 1;
    start();

    return;
  }
  state.waiting += 1;
  waiter.queued = true;
  state.queue.push(waiter);
};

// Called inside a machine route before it waits for something other than this process's CPU; a
// no-op outside the lane (an admin request, a test calling the use-case directly).
export const leaveMachineLane = (): void => lane().context.getStore()?.leave();

// Machine requests waiting in this process's lane, not yet let into Next (the lane's state, as
// bootLoad in overload.ts is the routes').
export const machineLaneWaiting = (): number => lane().waiting;
