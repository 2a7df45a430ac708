import { EventFilter } from "@/app/(admin)/events/_components/event-filter";
import { Pager } from "@/app/(admin)/events/_components/pager";
import Link from "next/link";
import { DataTable } from "@/app/_components/data-table";
import { describeEvent } from "@/lib/domain/events/describe-event";
import { formatTime } from "@/app/_components/format-time";
import { Notice } from "@/app/_components/notice";
import { requireAdmin } from "@/lib/auth/require-admin";
import { listEventsQuerySchema } from "@/lib/schemas/event";
import { listEvents } from "@/lib/services/events";

export const dynamic = "force-dynamic";

type EventsPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function EventsPage({ searchParams }: EventsPageProps) {
  await requireAdmin("/events");
  const raw = await searchParams;
  // A hand-edited URL with a bad filter shows everything, with a note, instead of an error page.
  const parsed = listEventsQuerySchema.safeParse({ type: raw.type, page: raw.page, pageSize: raw.pageSize });
  const query = parsed.success ? parsed.data : listEventsQuerySchema.parse({});
  const { items, total, page, pageSize } = await listEvents(query);
  const href = (target: number) => `/events?${new URLSearchParams({ ...(query.type ? { type: query.type } : {}), page: String(target) })}`;

  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Events</h1>
      <EventFilter type={query.type} />
      {parsed.success ? null : (
        <Notice tone="info" testId="events-filter-ignored">
          The filter in the address was not understood; showing all events.
        </Notice>
      )}
      {/* Details in words (describe-event.ts), whole, with links to what each event is about. */}
      <DataTable testId="events-table" headings={["Time", "Event", "Actor", "Source IP", "Details"]} empty={items.length === 0 ? "No events." : null}>
        {items.map((event) => {
          const described = describeEvent(event);

          return (
            <tr key={event.id} data-testid="event-row" data-event-type={event.type} className="align-top">
              <td className="px-3 py-1.5 whitespace-nowrap">{formatTime(event.createdAt)}</td>
              <td className="px-3 py-1.5">
                <span className="block">{described.title}</span>
                <span className="font-mono text-xs text-slate-500">{event.type}</span>
              </td>
              <td className="px-3 py-1.5">{[event.actor.type, event.actor.name].filter(Boolean).join(": ")}</td>
              <td className="px-3 py-1.5 font-mono text-xs">{event.sourceIp ?? "—"}</td>
              <td className="max-w-xl px-3 py-1.5 text-xs break-words text-slate-600" data-testid="event-details">
                {described.links.map((link) => (
                  <Link key={link.href} href={link.href} className="mr-2 text-sky-700 hover:underline" data-testid="event-link">
                    {link.label}
                  </Link>
                ))}
                {described.facts}
              </td>
            </tr>
          );
        })}
      </DataTable>
      <Pager page={page} pageSize={pageSize} total={total} href={href} />
    </div>
  );
}
