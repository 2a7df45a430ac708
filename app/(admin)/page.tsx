import Link from "next/link";
import { DeviceCounts } from "@/app/(admin)/_components/device-counts";
import { EndpointWarning } from "@/app/(admin)/_components/endpoint-warning";
import { EventTimeline } from "@/app/(admin)/_components/event-timeline";
import { PendingQueue } from "@/app/(admin)/_components/pending-queue";
import { WorkerStatusCard } from "@/app/(admin)/_components/worker-status-card";
import { requireAdmin } from "@/lib/auth/require-admin";
import { getEndpointWarning } from "@/lib/services/cluster";
import { getDeviceCounts } from "@/lib/services/devices";
import { getSystemStatus } from "@/lib/services/health";
import { listEvents } from "@/lib/services/events";

export const dynamic = "force-dynamic";

// Overview: what needs a decision now, how the fleet stands, and what happened last.
export default async function OverviewPage() {
  await requireAdmin("/");
  const [counts, warning, events, status] = await Promise.all([
    getDeviceCounts(),
    getEndpointWarning(),
    listEvents({ pageSize: 15 }),
    getSystemStatus(),
  ]);

  return (
    <div className="space-y-6" data-testid="overview">
      <h1 className="text-xl font-semibold">Overview</h1>
      <EndpointWarning message={warning} />
      <DeviceCounts counts={counts} />
      <WorkerStatusCard initial={status} />
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
