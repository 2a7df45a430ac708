// Bounds how many events a repeated condition writes (a refused download, an identity mismatch):
// a key (device + reason + source address) is recorded at most once per window, and each group
// (an event type) at most `budget` times per window across all keys, so neither one replayed
// request nor many distinct ones grow the audit log without limit. What is not recorded is still
// counted by the caller's metric; a recorded event carries how many repeats of its key were not.
// Pure and in memory: the caller keeps one window per process and passes the clock.
export type EventWindowLimits = { windowMs: number; budget: number; maxKeys: number };
export type EventAdmission = { record: boolean; repeats: number };

type KeyState = { at: number; repeats: number };
type GroupState = { since: number; used: number };

export type EventWindow = {
  admit: (options: { key: string; group: string; now: number }) => EventAdmission;
  clear: () => void;
};

export const createEventWindow = ({ windowMs, budget, maxKeys }: EventWindowLimits): EventWindow => {
  const keys = new Map<string, KeyState>();
  const groups = new Map<string, GroupState>();

  const prune = (now: number): void => {
    for (const [key, state] of keys) if (now - state.at >= windowMs) keys.delete(key);
    // Still too many live keys (a flood of distinct ones): forget the oldest; the group budget
    // still bounds what they record.
    for (const key of keys.keys()) {
      if (keys.size <= maxKeys) break;
      keys.delete(key);
    }
  };

  return {
    admit: ({ key, group, now }) => {
      const previous = keys.get(key);
      if (previous && now - previous.at < windowMs && now >= previous.at) {
        previous.repeats += 1;
        return { record: false, repeats: previous.repeats };
      }
      let spent = groups.get(group);
      if (!spent || now - spent.since >= windowMs || now < spent.since) spent = { since: now, used: 0 };
      groups.set(group, spent);
      if (spent.used >= budget) return { record: false, repeats: previous?.repeats ?? 0 };
      spent.used += 1;
      keys.delete(key);
      keys.set(key, { at: now, repeats: 0 });
      if (keys.size > maxKeys) prune(now);

      return { record: true, repeats: previous?.repeats ?? 0 };
    },
    clear: () => {
      keys.clear();
      groups.clear();
    },
  };
};
