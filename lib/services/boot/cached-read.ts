// A copy of something read from the system (the neighbour table, the lease file), shared by every
// caller that accepts its age: `copy(maxAgeMs)` returns the last read when it started at most
// maxAgeMs ago (also while it is still in flight, so concurrent requests share one read), else
// reads again. A failed read is not kept. The age counts from the start of the read, so a copy
// is never younger than it claims.
export type CachedRead<T> = (maxAgeMs: number) => Promise<T>;

export const cachedRead = <T>(read: () => Promise<T>, now: () => number = () => performance.now()): CachedRead<T> => {
  let copy: { startedAt: number; value: Promise<T> } | null = null;

  return (maxAgeMs) => {
    const at = now();
    if (copy && maxAgeMs > 0 && at - copy.startedAt <= maxAgeMs) return copy.value;
    const value = read();
    const held = { startedAt: at, value };
    copy = held;
    value.catch(() => {
      if (copy === held) copy = null;
    });

    return value;
  };
};
