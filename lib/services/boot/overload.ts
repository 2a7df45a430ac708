import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";
import { findBootScriptDevice } from "@/lib/data/boot-script-device";
import { resolveApprovalProof } from "@/lib/domain/oauth/approval-proof";
import { isOverloaded, stretchedPollSeconds, type LoadReading, type OverloadLimits } from "@/lib/domain/boot/overload";
import { waitingScript } from "@/lib/domain/ipxe/script-models";
import { loadBootSettings } from "./load-boot-settings";
import { renderBootScript } from "./render-boot-script";
import { createFifoSlots, type FifoSlots } from "@/lib/concurrency/fifo-slots";

// This process's load, for backpressure on machine polls (lib/domain/boot/overload.ts): the
// event loop's delay (p99 of the last ~0.5 s, from perf_hooks' histogram,
// https://nodejs.org/api/perf_hooks.html#perf_hooksmonitoreventloopdelayoptions) and the boot
// requests being served right now. State on globalThis: Next may load this module more than once.
const windowMs = 500;

// Boot requests doing their work at once in this process; the rest wait their turn (lib/concurrency/fifo-slots.ts).
// The work is mostly synchronous CPU, so more at once would not finish sooner: it would only put
// more machine requests between an admin's request and its answer.
const bootSlots = 8;

type Monitor = { histogram: IntervalHistogram; timer: NodeJS.Timeout; delayMs: number; inFlight: number; shed: number; slots: FifoSlots };
const globalForLoad = globalThis as unknown as { ktizoBootLoad?: Monitor };

const monitor = (): Monitor => {
  if (globalForLoad.ktizoBootLoad) return globalForLoad.ktizoBootLoad;
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const state: Monitor = { histogram, delayMs: 0, inFlight: 0, shed: 0, slots: createFifoSlots(bootSlots), timer: setInterval(() => {
    // The resolution's own sampling period is part of every reading: only the excess is delay.
    state.delayMs = Math.max(0, histogram.percentile(99) / 1e6 - 10);
    histogram.reset();
  }, windowMs) };
  state.timer.unref();

  return (globalForLoad.ktizoBootLoad = state);
};

export const bootLoad = (): LoadReading & { shed: number } => {
  const state = monitor();

  return { loopDelayMs: state.delayMs, inFlight: state.inFlight, shed: state.shed };
};

// The waiting script with a stretched sleep, for a device that is pending now; null for any other
// device (unknown, approved, rejected, console-code: those get the full answer, whatever the load).
// Nothing else happens for this poll: its sighting is noted by the next poll that is served fully.
const waitingUnderLoad = async ({ mac, requestOrigin }: { mac: string; requestOrigin: string }): Promise<string | null> => {
  // The same single read as a full answer (boot-script-device.ts): the device with its approval proof.
  const [device, settings] = await Promise.all([findBootScriptDevice(mac), loadBootSettings()]);
  if (!device || device.status !== "pending") return null;
  if (resolveApprovalProof({ ...device.approvalProof, cluster: settings.clusterApprovalProof }) === "console-code") return null;
  const pollSeconds = stretchedPollSeconds({ pollSeconds: settings.pollSeconds });

  return renderBootScript(waitingScript({ httpBaseUrl: settings.httpBaseUrl ?? requestOrigin, mac: device.mac, pollSeconds }));
};

// GET /api/v1/boot/ipxe through backpressure: `serve` (the full answer) unless this process is
// overloaded and the device is pending. The full answer waits for one of the process's boot slots;
// `inFlight` counts the waiting and the working. `limits`: the defaults unless a test sets its own.
type Options = { mac: string; requestOrigin: string; limits?: OverloadLimits };

export const withPollBackpressure = async ({ limits, ...options }: Options, serve: () => Promise<string>): Promise<string> => {
  const state = monitor();
  // Requests still waiting in the machine lane (lib/http/machine-lane.ts) are not counted: counted,
  // they sent most pending polls down the shed path at saturation, and the pending poll served a
  // quarter less (docs/benchmarks.md, "What the machine lane changed").
  if (isOverloaded({ reading: { loopDelayMs: state.delayMs, inFlight: state.inFlight }, limits })) {
    const shed = await waitingUnderLoad(options);
    if (shed !== null) {
      state.shed += 1;

      return shed;
    }
  }
  state.inFlight += 1;
  try {
    return await state.slots.run(serve);
  } finally {
    state.inFlight -= 1;
  }
};
