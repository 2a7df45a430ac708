import { formatTime } from "@/app/_components/format-time";
import type { EventJson } from "@/lib/schemas/event";

// A compact, newest-first list of audit events (device timeline, Overview's recent events).
export function EventTimeline({ events, showDevice = false }: { events: EventJson[]; showDevice?: boolean }) {
  if (events.length === 0) return <p className="text-sm text-slate-500">No events yet.</p>;

  return (
    <ol className="space-y-1 text-sm" data-testid="event-timeline">
      {events.map((event) => (
        <li key={event.id} data-testid="timeline-event" data-event-type={event.type} className="flex gap-3">
          <span className="shrink-0 font-mono text-xs leading-5 text-slate-500">{formatTime(event.createdAt)}</span>
          <span className="font-mono text-xs leading-5">{event.type}</span>
          <span className="truncate text-xs leading-5 text-slate-600" title={JSON.stringify(event.details)}>
            {[event.actor.type, event.actor.name].filter(Boolean).join(": ")}
            {event.sourceIp ? ` · ${event.sourceIp}` : ""}
            {showDevice && typeof event.details.mac === "string" && event.details.mac !== event.actor.name ? ` · ${event.details.mac}` : ""}
            {typeof event.details.reason === "string" ? ` · ${event.details.reason}` : ""}
          </span>
        </li>
      ))}
    </ol>
  );
}
