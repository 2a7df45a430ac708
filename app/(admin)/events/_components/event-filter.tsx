import { eventTypes } from "@/lib/domain/event-types";

// A GET form: the filter lives in the URL, so it can be bookmarked and works without JavaScript.
export function EventFilter({ type }: { type?: string }) {
  return (
    <form method="get" action="/events" className="flex items-end gap-2" data-testid="event-filter">
      <div className="space-y-1">
        <label htmlFor="type" className="block text-sm font-medium text-slate-700">
          Type
        </label>
        <select id="type" name="type" defaultValue={type ?? ""} className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm">
          <option value="">All types</option>
          {eventTypes.map((eventType) => (
            <option key={eventType} value={eventType}>
              {eventType}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" data-testid="event-filter-submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50">
        Filter
      </button>
    </form>
  );
}
