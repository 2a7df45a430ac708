import path from "node:path";
import { watch } from "chokidar";
import { watchEventSchema, type WatchEvent } from "@/lib/schemas/worker-event";
import { createEventBatcher } from "@/worker/batch-events";
import type { Logger } from "@/worker/logger";
import type { Target } from "@/worker/targets";

export type Watcher = { ready: Promise<void>; close: () => Promise<void>; idle: () => Promise<void> };

export type WatchOptions = { dir: string; targets: Target[]; debounceMs: number; writeStableMs: number; log: Logger };

// Temp files of atomic writes (".name.<hex>.tmp") and editor leftovers are never acted on.
const isScratch = (file: string) => {
  const base = path.basename(file);

  return base.startsWith(".") || base.endsWith(".tmp") || base.endsWith("~");
};

export const watchTargets = ({ dir, targets, debounceMs, writeStableMs, log }: WatchOptions): Watcher => {
  let running: Promise<void> = Promise.resolve();

  // Each batch is handed to every target that has events in it; batches run one after another.
  const dispatch = (events: WatchEvent[]) => {
    running = running.then(async () => {
      for (const target of targets) {
        const mine = events.filter((event) => target.matches(event.path));
        if (!mine.length) continue;
        log.info(`${target.name}: ${mine.map((event) => `${event.type} ${path.relative(dir, event.path)}`).join(", ")}`);
        await Promise.resolve(target.react(mine)).catch((error: unknown) => log.error(`${target.name} failed`, error));
      }
    });
  };
  const batcher = createEventBatcher({ delayMs: debounceMs, onBatch: dispatch });

  const watcher = watch(dir, {
    ignoreInitial: true,
    ignored: (file) => isScratch(file),
    awaitWriteFinish: { stabilityThreshold: writeStableMs, pollInterval: Math.max(10, Math.floor(writeStableMs / 2)) },
  });
  watcher.on("all", (type, file) => {
    const parsed = watchEventSchema.safeParse({ type, path: path.resolve(file) });
    // addDir/unlinkDir carry nothing to act on; anything else unexpected is logged, not guessed at.
    if (parsed.success) batcher.push(parsed.data);
    else if (type !== "addDir" && type !== "unlinkDir") log.warn(`ignored watch event ${type} ${file}`);
  });
  watcher.on("error", (error) => log.error("watcher error", error));

  return {
    ready: new Promise((resolve) => watcher.once("ready", () => resolve())),
    idle: () => running,
    close: async () => {
      batcher.cancel();
      await watcher.close();
      await running;
    },
  };
};
