import Link from "next/link";
import { DeviceCounts } from "@/app/(admin)/_components/device-counts";
import { EndpointWarning } from "@/app/(admin)/_components/endpoint-warning";
import { EventTimeline } from "@/app/(admin)/_components/event-timeline";
import { PendingQueue } from "@/app/(admin)/_components/pending-queue";
import { RackGrid } from "@/app/(admin)/_components/rack-grid";
import { SetupChecklist } from "@/app/(admin)/_components/setup-checklist";
import { WorkerStatusCard } from "@/app/(admin)/_components/worker-status-card";
import { ClusterHealthSummary } from "@/app/(admin)/_components/cluster-health-panel";
import { requireAdmin } from "@/lib/auth/require-admin";
import { getEndpointWarning } from "@/lib/services/cluster";
import { getDeviceCounts } from "@/lib/services/devices";
import { getSetupChecklist, getSystemStatus } from "@/lib/services/health";
import { listEvents } from "@/lib/services/events";

export const dynamic = "force-dynamic";

// Overview: what needs a decision now, how the fleet stands, and what happened last. The rack grid
// and the cluster line load in the browser from the APIs they poll anyway: each grows with the
// fleet (a row per machine), and rendered here they made the page cost hundreds of ms of server
// time at 2,000 machines — the admin's view of a rack storm was the slowest request of the storm
// (docs/benchmarks.md).
export default async function OverviewPage() {
  await requireAdmin("/");
  const [counts, warning, events, status, checklist] = await Promise.all([
    getDeviceCounts(),
    getEndpointWarning(),
    listEvents({ pageSize: 15 }),
    getSystemStatus(),
    getSetupChecklist(),
  ]);

  return (
    <div className="space-y-6" data-testid="overview">
      <h1 className="text-xl font-semibold">Overview</h1>
      <SetupChecklist steps={checklist} />
      <EndpointWarning message={warning} />
      <DeviceCounts counts={counts} />
      <RackGrid />
      <WorkerStatusCard initial={status} />
      <section className="flex items-center gap-2 rounded-lg border border-slate-200 bg-white p-3" data-testid="overview-cluster">
        <span className="text-sm font-semibold">Cluster</span>
        <ClusterHealthSummary />
        <Link href="/cluster" className="ml-auto text-sm text-sky-700 hover:underline">Details</Link>
      </section>
      <PendingQueue />
      <section className="space-y-2">
        <div className="flex items-center justify-between">
          <h2 className="text-base font-semibold">Recent events</h2>
          <Link href="/events" className="text-sm text-sky-700 hover:underline">
            All events
          </Link>
        </div>
        <EventTimeline events={events.items} showDevice />
      </section>
    </div>
  );
}
