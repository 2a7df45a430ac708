import { writeDeviceSightings, type DeviceSighting } from "@/lib/data/boot-devices";

// lastSeenAt / lastSourceIp of known devices, batched: a poll only notes the sighting in memory
// and one transaction per second writes every device seen since (docs/flood-bounds.md: no write
// per poll for unchanged state). Flushed on shutdown too (scripts/web-process.ts); at worst a crash
// loses the last second of "last seen", which nothing decides on.
const flushEveryMs = 1000;

type Sightings = { pending: Map<string, DeviceSighting>; timer: NodeJS.Timeout | null; flushing: Promise<void> | null };
const globalForSightings = globalThis as unknown as { ktizoSightings?: Sightings };
const state = (globalForSightings.ktizoSightings ??= { pending: new Map(), timer: null, flushing: null });

export const noteDeviceSighting = (sighting: DeviceSighting): void => {
  const previous = state.pending.get(sighting.id);
  state.pending.set(sighting.id, { ...sighting, sourceIp: sighting.sourceIp ?? previous?.sourceIp ?? null });
  state.timer ??= setTimeout(() => void flushDeviceSightings(), flushEveryMs).unref();
};

export const flushDeviceSightings = async (): Promise<void> => {
  if (state.timer) clearTimeout(state.timer);
  state.timer = null;
  await state.flushing;
  const batch = [...state.pending.values()];
  state.pending.clear();
  state.flushing = writeDeviceSightings(batch).catch((error: unknown) => {
    console.error("[boot] writing device sightings failed", error);
  });
  await state.flushing;
  state.flushing = null;
};
