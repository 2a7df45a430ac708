import { EventEmitter } from "node:events";

// Wakes held config downloads the moment an admin decides on a device in this process. The
// waiter also re-reads the database on a short timer, so a change made by another process
// (CLI, second instance) is seen too; the notifier only removes the polling delay.
const globalForNotifier = globalThis as unknown as { ktizoDeviceNotifier?: EventEmitter };
const emitter = globalForNotifier.ktizoDeviceNotifier ?? new EventEmitter();
emitter.setMaxListeners(0);
globalForNotifier.ktizoDeviceNotifier = emitter;

export const notifyDeviceChanged = (deviceId: string): void => {
  emitter.emit(deviceId);
};

// Resolves after `ms`, on a change of the device, or when the request is aborted.
export const waitForDeviceChange = (deviceId: string, ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      emitter.off(deviceId, done);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    emitter.on(deviceId, done);
    signal?.addEventListener("abort", done, { once: true });
  });
