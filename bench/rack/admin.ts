import type { Reply, Stats } from "./http";

// The admin during the storm: approves pending machines through the bulk API in batches of 100
// (a batch as soon as 100 are pending, or the rest once every machine has registered), and keeps
// the dashboard (the Overview page, with its live rack grid) open, requesting it once a second.
type Request = (pathAndQuery: string, options?: { headers?: Record<string, string>; method?: string; body?: string }) => Promise<Reply>;
// approvedAt: when the approval's answer came, or, when none came (a client timeout: the server
// may still have approved), when it was sent.
export type Batch = { index: number; ids: string[]; macs: string[]; sentAt: number; approvedAt: number; status: number; ms: number };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type ApproverOptions = { request: Request; stats: Stats; token: string; batchSize: number; machines: number; registered: () => number; done: () => boolean };

export const approveInBatches = async ({ request, stats, token, batchSize, machines, registered, done }: ApproverOptions): Promise<Batch[]> => {
  const batches: Batch[] = [];
  const auth = { authorization: `Bearer ${token}` };
  let approved = 0;
  while (approved < machines && !done()) {
    const list = await request(`/api/v1/devices?status=pending&pageSize=${batchSize}`, { headers: auth });
    stats.record("admin: list pending", list);
    const items = list.status === 200 ? (JSON.parse(list.body) as { items: { id: string; mac: string }[] }).items : [];
    if (list.status !== 200) stats.errors.push(`admin list ${list.status}: ${list.body.slice(0, 160)}`);
    if (items.length >= batchSize || (items.length > 0 && registered() >= machines)) {
      const body = JSON.stringify({ action: "approve", ids: items.map((item) => item.id), role: "worker" });
      const sentAt = Date.now();
      const reply = await request("/api/v1/devices/bulk", { method: "POST", headers: { ...auth, "content-type": "application/json" }, body });
      stats.record("admin: bulk approve", reply);
      if (reply.status !== 200) stats.errors.push(`bulk approve ${reply.status}: ${reply.body.slice(0, 160)}`);
      else approved += items.length;
      batches.push({ index: batches.length, ids: items.map((item) => item.id), macs: items.map((item) => item.mac), sentAt, approvedAt: reply.status === 0 ? sentAt : Date.now(), status: reply.status, ms: reply.ms });
    }
    await sleep(1_000);
  }

  return batches;
};

// The Overview as a browser shows it: the page, then the data its live parts fetch right away (the
// rack grid, the cluster line, the pending queue; app/(admin)/page.tsx), in parallel. "dashboard
// (Overview, page + its data)" is the time until all of it answered: what the admin waits for.
const overviewData = ["/api/v1/devices/rack", "/api/v1/cluster/health", "/api/v1/devices?status=pending&page=1&pageSize=20"];

// One look at the Overview, recorded under `label` ("dashboard …"): the page, then its data.
const lookAtOverview = async ({ request, stats, cookie, label }: { request: Request; stats: Stats; cookie: string; label: string }): Promise<void> => {
  const page = await request("/", { headers: { cookie } });
  stats.record(`${label} (Overview page)`, page);
  if (page.status !== 200) stats.errors.push(`${label} ${page.status}: ${page.body.slice(0, 160)}`);
  const data = await Promise.all(overviewData.map((path) => request(path, { headers: { cookie } })));
  for (const [index, reply] of data.entries()) {
    stats.record(`${label} data ${overviewData[index]!.split("?")[0]}`, reply);
    if (reply.status !== 200) stats.errors.push(`${label} data ${overviewData[index]} ${reply.status}: ${reply.body.slice(0, 160)}`);
  }
  const worst = data.reduce((slowest, reply) => (reply.ms > slowest.ms || reply.status !== 200 ? reply : slowest), data[0]!);
  stats.record(`${label} (Overview, page + its data)`, { ...worst, status: [page, ...data].every((reply) => reply.status === 200) ? 200 : 0, ms: page.ms + worst.ms });
};

// The admin opens the dashboard before powering the rack on, as one does to watch it come up:
// the first request of each route in a freshly started web process is slow (its modules are
// loaded, its code not yet optimised), and that is a start-up cost, not the storm's. Its figures
// are reported on their own ("dashboard opened before power-on"), outside the storm's.
export const openDashboard = ({ request, stats, cookie }: { request: Request; stats: Stats; cookie: string }): Promise<void> =>
  lookAtOverview({ request, stats, cookie, label: "dashboard opened before power-on" });

export const watchDashboard = async ({ request, stats, cookie, done }: { request: Request; stats: Stats; cookie: string; done: () => boolean }): Promise<void> => {
  while (!done()) {
    const next = Date.now() + 1_000;
    await lookAtOverview({ request, stats, cookie, label: "dashboard" });
    await sleep(Math.max(0, next - Date.now()));
  }
};
