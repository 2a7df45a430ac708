import { sqlite } from "@/lib/db/sqlite";

// A cheap summary of the Device table that moves whenever a device is added, removed, updated
// (every writer sets updatedAt) or seen by a poll (lastSeenAt): the live devices feed compares it
// after each database change, so commits to other tables (events, tokens) send nothing.
export const deviceTableFingerprint = (): string => {
  const row = sqlite().prepare('SELECT count(*) AS n, max(updatedAt) AS u, max(lastSeenAt) AS s FROM "Device"').get() as { n: number; u: unknown; s: unknown };

  return `${row.n}:${String(row.u)}:${String(row.s)}`;
};
