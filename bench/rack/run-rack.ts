import { prisma } from "@/lib/db/client";
import { credentials } from "../dashboard";
import { macOf } from "../lib/seed";
import { approveInBatches, openDashboard, watchDashboard, type Batch } from "./admin";
import { createClient, createStats } from "./http";
import { runMachine, type MachineRecord } from "./machine";
import { countRows, rowDelta } from "./rows";
import { assetBytes, rackSettings, setUpRack } from "./setup";

// The whole rack: 2,000 machines power on within 10 s while the admin approves them in
// batches of 100 and watches the dashboard. Returns every figure; rack-main.ts checks and writes.
export type RackOptions = { url: string; machines: number; powerOnS: number; batchSize: number; budgetS: number };
export const rackPrefix = "52:54:06";

const eventCounts = async (): Promise<Record<string, number>> => {
  const rows = await prisma.event.groupBy({ by: ["type"], _count: { _all: true } });

  return Object.fromEntries(rows.map((row) => [row.type, row._count._all]));
};

export const prepareRack = setUpRack;

export const runRack = async ({ url, machines, powerOnS, batchSize, budgetS }: RackOptions) => {
  const { cookie, token } = await credentials();
  const rowsBefore = await countRows();
  const eventsBefore = await eventCounts();
  const machineGet = createClient({ base: url });
  const adminRequest = createClient({ base: url, sockets: 4 });
  const stats = createStats();
  await openDashboard({ request: adminRequest, stats, cookie });
  const start = Date.now();
  const deadline = start + budgetS * 1000;
  let registered = 0;
  let finished = 0;
  const records: MachineRecord[] = Array.from({ length: machines }, (_, index) => ({ mac: macOf(index, rackPrefix), poweredOnAt: 0, downloads: 0, errors: [] }));
  const context = { get: machineGet, stats, assetBytes, deadline, pollSeconds: rackSettings.ipxePollSeconds, onRegistered: () => (registered += 1) };
  const allDone = () => finished === machines || Date.now() >= deadline;
  console.log(`[rack] ${machines} machines power on within ${powerOnS} s; budget ${budgetS} s`);
  const progress = setInterval(() => {
    const counts = { registered, talos: records.filter((r) => r.talosScriptAt).length, downloaded: records.filter((r) => r.downloads > 0).length, finished };
    console.log(`[rack] +${Math.round((Date.now() - start) / 1000)} s ${JSON.stringify(counts)}`);
  }, 10_000);
  const machineRuns = records.map(async (record, index) => {
    await new Promise((resolve) => setTimeout(resolve, Math.round((index / machines) * powerOnS * 1000)));
    record.poweredOnAt = Date.now();
    await runMachine(context, record, index);
    finished += 1;
  });
  const approver = approveInBatches({ request: adminRequest, stats, token, batchSize, machines, registered: () => registered, done: allDone });
  const dashboard = watchDashboard({ request: adminRequest, stats, cookie, done: allDone });
  const [batches] = await Promise.all([approver, dashboard, Promise.all(machineRuns)]);
  clearInterval(progress);
  // Last-seen updates are batched once a second (docs/flood-bounds.md): let the last flush land.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const provisionedInDb = await prisma.device.count({ where: { mac: { startsWith: rackPrefix }, provisionedAt: { not: null } } });
  const rows = rowDelta(rowsBefore, await countRows());
  const events = rowDelta(eventsBefore, await eventCounts());

  return { start, records, batches, stats, provisionedInDb, rows, events };
};

// Per batch: approval to the last of its machines' config downloads.
export const batchTimes = (batches: Batch[], records: MachineRecord[]) => {
  const byMac = new Map(records.map((record) => [record.mac, record]));

  return batches.map((batch) => {
    const downloads = batch.macs.map((mac) => byMac.get(mac)?.downloadedAt);
    const done = downloads.filter((at): at is number => at !== undefined);

    return { index: batch.index, size: batch.macs.length, status: batch.status, downloaded: done.length, approvalToAllDownloadedS: done.length === batch.macs.length ? Math.round((Math.max(...done) - batch.approvedAt) / 100) / 10 : null };
  });
};
