// Remembers the last value seen per key, in memory and bounded: answers true only when the value
// differs from the remembered one. Used so a condition that every poll repeats (a bad serial, a
// changed UUID on an approved device) is recorded once, not once per poll. After a restart it is
// recorded once more; the map never grows past `max` keys (oldest forgotten first).
export type OncePerKey = { changed: (key: string, value: string) => boolean; forget: (key: string) => void };

export const createOncePerKey = (max = 10_000): OncePerKey => {
  const seen = new Map<string, string>();

  return {
    changed: (key, value) => {
      if (seen.get(key) === value) return false;
      seen.delete(key);
      seen.set(key, value);
      if (seen.size > max) seen.delete(seen.keys().next().value!);

      return true;
    },
    forget: (key) => void seen.delete(key),
  };
};
