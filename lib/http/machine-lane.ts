import { AsyncLocalStorage } from "node:async_hooks";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createFifoSlots, type FifoSlots, type SlotTicket } from "@/lib/concurrency/fifo-slots";
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

type Lane = { slots: FifoSlots; context: AsyncLocalStorage<SlotTicket> };

// On globalThis: scripts/web-process.ts and Next's bundle of lib/ load this module separately, and
// leaveMachineLane (called inside a route) must reach the lane the server admitted the request to.
const globalForLane = globalThis as unknown as { ktizoMachineLane?: Lane };
const lane = (): Lane => (globalForLane.ktizoMachineLane ??= { slots: createFifoSlots(laneSlots), context: new AsyncLocalStorage() });

// scripts/web-process.ts: every request goes through here; `handle` hands it to Next.
export const throughMachineLane = (req: IncomingMessage, res: ServerResponse, handle: () => void): void => {
  if (!isMachineLaneRequest(req)) {
    handle();

    return;
  }
  const { slots, context } = lane();
  // Set before Next sees the request (a free slot starts it at once, inside enter).
  let ticket: SlotTicket | null = null;
  // Node writes every response head through writeHead, an implicit one too (ServerResponse's
  // _implicitHeader): from there on the request streams or is done with this process's CPU.
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse["writeHead"]>) {
    ticket?.release();

    return writeHead.apply(this, args);
  } as ServerResponse["writeHead"];
  // Gone while holding: the slot passes on. Gone while waiting: skipped when its turn comes.
  res.once("close", () => {
    ticket?.release();
    ticket?.cancel();
  });
  ticket = slots.enter((held) => {
    ticket = held;
    context.run(held, handle);
  });
};

// Called inside a machine route before it waits for something other than this process's CPU; a
// no-op outside the lane (an admin request, a test calling the use-case directly).
export const leaveMachineLane = (): void => lane().context.getStore()?.release();

// Machine requests waiting in this process's lane, not yet let into Next (the lane's state, as
// bootLoad in overload.ts is the routes').
export const machineLaneWaiting = (): number => lane().slots.waiting();
