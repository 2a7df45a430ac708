import { onDatabaseChange } from "@/lib/data/change-signal";
import { deviceTableFingerprint } from "@/lib/data/device-fingerprint";

// The live devices feed (GET /api/v1/devices/changes, Server-Sent Events:
// https://html.spec.whatwg.org/multipage/server-sent-events.html). It says "the devices changed",
// not what changed: the page then reloads its list. The trigger is SQLite's data_version
// (lib/data/change-signal.ts), so a change committed by ANY process (another web process, the
// worker) reaches every open page within ~100 ms, whichever web process holds its connection.
const keepAliveMs = 15_000;

const encoder = new TextEncoder();
const eventOf = (version: string) => encoder.encode(`event: devices\ndata: ${JSON.stringify({ version })}\n\n`);

export const streamDeviceChanges = ({ signal }: { signal: AbortSignal }): ReadableStream<Uint8Array> => {
  let stop = () => undefined as void;

  return new ReadableStream<Uint8Array>({
    start: (controller) => {
      let last = deviceTableFingerprint();
      // The first event tells the page the feed is live (and which version it starts from).
      controller.enqueue(eventOf(last));
      const unsubscribe = onDatabaseChange(() => {
        const now = deviceTableFingerprint();
        if (now === last) return;
        last = now;
        controller.enqueue(eventOf(now));
      });
      // A comment line keeps idle proxies from closing the stream.
      const keepAlive = setInterval(() => controller.enqueue(encoder.encode(": keep-alive\n\n")), keepAliveMs);
      stop = () => {
        unsubscribe();
        clearInterval(keepAlive);
      };
      signal.addEventListener("abort", () => {
        stop();
        try {
          controller.close();
        } catch {
          // Already closed by the client going away.
        }
      }, { once: true });
    },
    cancel: () => stop(),
  });
};
