import type { FixedRateResult } from "./fixed-rate";
import type { LoadResult } from "./load";
import type { Check } from "./report";

// The latency target (p99 < 50 ms at half the ceiling, 0 errors), checked on both measurements of
// a fixed rate (bench/lib/fixed-rate.ts), each next to the empty route handler's figure at the same
// rate and measured the same way.
type AtRate = { autocannon: LoadResult; openLoop: FixedRateResult };

const errorsOf = (load: { errors: number; non2xx: number }) => load.errors + load.non2xx;

export const rateChecks = ({ label, route, halfRate, fixed, ceiling }: { label: string; route: string; halfRate: number; fixed: AtRate; ceiling: AtRate }): Check[] => [
  {
    name: `${label}: ${route} p99 at ${halfRate} req/s (half the ceiling), open loop`,
    target: "< 50 ms, 0 errors",
    value: `p99 ${fixed.openLoop.p99Ms} ms, p50 ${fixed.openLoop.p50Ms} ms, ${fixed.openLoop.rps} req/s served, errors ${errorsOf(fixed.openLoop)}; empty route handler p99 ${ceiling.openLoop.p99Ms} ms`,
    pass: fixed.openLoop.requests > 0 && fixed.openLoop.p99Ms < 50 && errorsOf(fixed.openLoop) === 0,
  },
  {
    name: `${label}: ${route} p99 at ${halfRate} req/s (half the ceiling), autocannon overallRate`,
    target: "< 50 ms, 0 errors",
    value: `p99 ${fixed.autocannon.p99Ms} ms, p50 ${fixed.autocannon.p50Ms} ms, ${fixed.autocannon.rps} req/s served, errors ${errorsOf(fixed.autocannon)}; empty route handler p99 ${ceiling.autocannon.p99Ms} ms`,
    pass: fixed.autocannon.requests > 0 && fixed.autocannon.p99Ms < 50 && errorsOf(fixed.autocannon) === 0,
  },
];
