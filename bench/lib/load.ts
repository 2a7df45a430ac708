import autocannon from "autocannon";

// One autocannon run, reduced to the figures the reports use.
export type LoadResult = {
  requests: number;
  durationS: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
  non2xx: number;
  throughputMBps: number;
};

export type LoadOptions = {
  url: string;
  connections: number;
  durationS?: number;
  amount?: number;
  headers?: Record<string, string>;
  // Called for every request: a per-device path (round robin over MACs, one token each, ...).
  path?: () => string;
  method?: "GET" | "HEAD";
  expectStatus?: number;
  // A fixed request rate for all connections together (autocannon's overallRate): latency at a
  // given load, not at saturation.
  overallRate?: number;
};

export const runLoad = async ({ url, connections, durationS, amount, headers, path, method = "GET", expectStatus = 200, overallRate }: LoadOptions): Promise<LoadResult> => {
  let wrongStatus = 0;
  const instance = autocannon({
    url,
    connections,
    ...(amount ? { amount } : { duration: durationS ?? 10 }),
    headers,
    method,
    timeout: 30,
    ...(overallRate ? { overallRate } : {}),
    requests: path ? [{ setupRequest: (request: autocannon.Request) => ({ ...request, path: path() }) }] : undefined,
  });
  let lastResponseAt = 0;
  instance.on("response", (_client: unknown, statusCode: number) => {
    lastResponseAt = Date.now();
    if (statusCode !== expectStatus) wrongStatus += 1;
  });
  const result = await instance;
  // autocannon ends a run of `amount` requests only at its next one-second tick
  // (node_modules/autocannon/lib/run.js, tickInterval), so its finish time rounds the run up to whole
  // seconds: 1,000 downloads answered in 1.2 s read as 500 req/s. Such a run ends with its last answer.
  const durationMs = Math.max(1, amount && lastResponseAt > 0 ? lastResponseAt - result.start.getTime() : result.finish.getTime() - result.start.getTime());
  const requests = result.requests.total;

  return {
    requests,
    durationS: Math.round(durationMs / 10) / 100,
    rps: Math.round((requests / durationMs) * 1000),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    errors: result.errors + result.timeouts,
    non2xx: Math.max(wrongStatus, result.non2xx),
    throughputMBps: Math.round((result.throughput.total / (durationMs / 1000) / 1e6) * 10) / 10,
  };
};

// Waits until the server answers a probe quickly again: a saturated run leaves requests queued in
// the server after autocannon stops, and the next run must not measure that backlog.
export const settle = async (url: string, { quickMs = 250, maxMs = 60_000 } = {}): Promise<number> => {
  const started = performance.now();
  while (performance.now() - started < maxMs) {
    const probe = performance.now();
    try {
      await (await fetch(url)).arrayBuffer();
    } catch {
      // not answering yet
    }
    if (performance.now() - probe < quickMs) break;
  }

  return Math.round(performance.now() - started);
};
