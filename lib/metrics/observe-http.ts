import { routeTemplateOf } from "@/lib/openapi/paths";
import { metrics } from "@/lib/metrics/registry";

type ObserveHttpOptions = { method: string; pathname: string; status: number; seconds: number };

// Called once per request by withRoute; labels by URL template so cardinality stays bounded.
export const observeHttp = ({ method, pathname, status, seconds }: ObserveHttpOptions): void => {
  const labels = { method, route: routeTemplateOf(pathname), status: String(status) };
  const m = metrics();
  m.httpRequests.inc(labels);
  m.httpDuration.observe(labels, seconds);
};
