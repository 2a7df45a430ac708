import Link from "next/link";
import { formatTime } from "@/app/_components/format-time";
import { describeEvent, type EventTone } from "@/lib/domain/events/describe-event";
import type { EventJson } from "@/lib/schemas/event";

const dots: Record<EventTone, string> = {
  ok: "bg-emerald-500 ring-emerald-100",
  warn: "bg-amber-500 ring-amber-100",
  bad: "bg-red-500 ring-red-100",
  info: "bg-sky-500 ring-sky-100",
};

type EventTimelineProps = { events: EventJson[]; showDevice?: boolean; oldestFirst?: boolean };

// Events as a vertical timeline: a dot per event (colored by outcome), its title in words, when, who
// and from where, and links to the device/rule/group/webhook. The device page reads it oldest first
// (first seen, approved, script served, config downloaded, installed); the Overview newest first.
export function EventTimeline({ events, showDevice = false, oldestFirst = false }: EventTimelineProps) {
  if (events.length === 0) return <p className="text-sm text-slate-500">No events yet.</p>;
  const ordered = oldestFirst ? [...events].reverse() : events;

  return (
    <ol className="relative ml-2 border-l border-slate-200 text-sm" data-testid="event-timeline">
      {ordered.map((event) => {
        const described = describeEvent(event);
        const links = showDevice ? described.links : described.links.filter((link) => !link.href.startsWith("/devices/"));

        return (
          <li key={event.id} data-testid="timeline-event" data-event-type={event.type} className="relative pb-3 pl-5 last:pb-0">
            <span aria-hidden className={`absolute top-1.5 -left-[5px] h-2.5 w-2.5 rounded-full ring-4 ${dots[described.tone]}`} />
            <div className="flex flex-wrap items-baseline gap-x-2">
              <span className="font-medium text-slate-900" data-testid="timeline-title">
                {described.title}
              </span>
              <time className="font-mono text-xs text-slate-500" dateTime={event.createdAt}>
                {formatTime(event.createdAt)}
              </time>
              {links.map((link) => (
                <Link key={link.href} href={link.href} className="text-xs text-sky-700 hover:underline">
                  {link.label}
                </Link>
              ))}
            </div>
            <p className="text-xs break-words text-slate-600">{described.detail}</p>
          </li>
        );
      })}
    </ol>
  );
}
