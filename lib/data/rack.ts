import { dateOf, flagOf, statement } from "./hot-statements";

export type RackRow = { id: string; mac: string; hostname: string | null; status: string; provisionedAt: Date | null; lastSeenAt: Date; scriptServed: boolean };

// Every device in power-on order with what its stage needs, in one statement (the Overview polls
// it every few seconds; thousands of rows). A token row exists once a Talos script was served.
// A prepared statement on the plain connection (hot-statements.ts), as for the cluster's node list.
export const listRackRows = async (limit: number): Promise<RackRow[]> =>
  // Rows as arrays (raw mode): building an object per row costs more than the query at a rack's size.
  (
    statement(`
      SELECT d.id, d.mac, d.hostname, d.status, d.provisionedAt, d.lastSeenAt,
        EXISTS (SELECT 1 FROM "BootToken" t WHERE t.deviceId = d.id) AS scriptServed
      FROM "Device" d
      ORDER BY d.firstSeenAt ASC, d.id ASC
      LIMIT ?`)
      .raw(true)
      .all(limit) as [string, string, string | null, string, unknown, unknown, number][]
  ).map(([id, mac, hostname, status, provisionedAt, lastSeenAt, scriptServed]) => ({
    id,
    mac,
    hostname,
    status,
    provisionedAt: dateOf(provisionedAt),
    lastSeenAt: dateOf(lastSeenAt)!,
    scriptServed: flagOf(scriptServed),
  }));
