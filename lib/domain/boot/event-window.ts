// Bounds how many events a repeated condition writes (a refused download, an identity mismatch):
// a key (device + reason + source address) is recorded at most once per window, and each group
// (an event type) at most `budget` times per window across all keys, so neither one replayed
// request nor many distinct ones grow the audit log without limit. What is not recorded is still
// counted by the caller's metric; a recorded event carries how many repeats of its key were not,
// and how many events of its group the budget dropped since the group's last recorded one
// (`dropped`), so a flood that spends the budget cannot make the attempts it hides vanish unseen.
// Pure and in memory: the caller keeps one window per process and passes the clock.
export type EventWindowLimits = { windowMs: number; budget: number; maxKeys: number };
export type EventAdmission = { record: boolean; repeats: number; dropped: number };

type KeyState = { at: number; repeats: number };
type GroupState = { since: number; used: number; dropped: number };

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
        return { record: false, repeats: previous.repeats, dropped: 0 };
      }
      let spent = groups.get(group);
      if (!spent || now - spent.since >= windowMs || now < spent.since) spent = { since: now, used: 0, dropped: spent?.dropped ?? 0 };
      groups.set(group, spent);
      if (spent.used >= budget) {
        spent.dropped += 1;
        return { record: false, repeats: previous?.repeats ?? 0, dropped: 0 };
      }
      spent.used += 1;
      const dropped = spent.dropped;
      spent.dropped = 0;
      keys.delete(key);
      keys.set(key, { at: now, repeats: 0 });
      if (keys.size > maxKeys) prune(now);

      return { record: true, repeats: previous?.repeats ?? 0, dropped };
    },
    clear: () => {
      keys.clear();
      groups.clear();
    },
  };
};
