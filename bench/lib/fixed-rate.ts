import { Agent, request } from "node:http";
import { percentile } from "./percentiles";

// Latency at a fixed request rate, open loop. autocannon's `overallRate` is not that: each
// connection sends its whole per-second quota back to back when its 1 s timer fires, so the load
// arrives as one saturating burst per second (64 connections × 9 requests at once), and with a
// rate it "corrects for coordinated omission" with an expected interval of Math.ceil(1 / rate) —
// seconds read as milliseconds, i.e. 1 ms — which adds one synthetic sample per millisecond of
// every response (a 600 ms answer counts 600 times;
// https://github.com/mcollina/autocannon/pull/274, node_modules/autocannon/lib/run.js). Both
// inflate the tail of every server, the empty route handler's too.
// Here request i is due at start + i / rate, is sent on one of `connections` keep-alive sockets
// (waiting in the agent's queue when all are busy), and its latency counts from when it was DUE,
// so a stalled server or a queue in this client is charged in full (no coordinated omission).
export type FixedRateResult = {
  rate: number;
  requests: number;
  durationS: number;
  rps: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
  non2xx: number;
  // How late this client sent requests (timer and CPU lag of the load generator itself): when its
  // p99 is not small next to the latency p99, the generator, not the server, made the tail.
  sendLagP99Ms: number;
};

// How many requests are due `elapsedMs` into a run at `rate` per second (request 0 at 0 ms).
export const dueCount = ({ elapsedMs, rate, total }: { elapsedMs: number; rate: number; total: number }): number =>
  elapsedMs < 0 ? 0 : Math.min(total, Math.floor((elapsedMs * rate) / 1000) + 1);

export const summarize = ({ latencies, lags, rate, wallMs, errors, non2xx }: { latencies: number[]; lags: number[]; rate: number; wallMs: number; errors: number; non2xx: number }): FixedRateResult => ({
  rate,
  requests: latencies.length,
  durationS: Math.round(wallMs / 10) / 100,
  rps: Math.round((latencies.length / Math.max(1, wallMs)) * 1000),
  p50Ms: percentile(latencies, 50),
  p90Ms: percentile(latencies, 90),
  p99Ms: percentile(latencies, 99),
  maxMs: percentile(latencies, 100),
  errors,
  non2xx,
  sendLagP99Ms: percentile(lags, 99),
});

type Options = { url: string; rate: number; durationS: number; connections: number; path?: () => string; expectStatus?: number; timeoutMs?: number };

export const runFixedRate = async ({ url, rate, durationS, connections, path = () => "/", expectStatus = 200, timeoutMs = 30_000 }: Options): Promise<FixedRateResult> => {
  const target = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const total = Math.max(1, Math.round(rate * durationS));
  const latencies: number[] = [];
  const lags: number[] = [];
  let errors = 0;
  let non2xx = 0;
  let sent = 0;
  let finished = 0;
  const start = performance.now();

  await new Promise<void>((resolve) => {
    const done = () => {
      finished += 1;
      if (finished === total) resolve();
    };
    const send = (dueAt: number) => {
      lags.push(performance.now() - dueAt);
      const req = request({ host: target.hostname, port: target.port, path: path(), agent, timeout: timeoutMs }, (res) => {
        res.resume();
        res.once("end", () => {
          if (res.statusCode === expectStatus) latencies.push(performance.now() - dueAt);
          else non2xx += 1;
          done();
        });
      });
      req.once("timeout", () => req.destroy(new Error("timeout")));
      req.once("error", () => {
        errors += 1;
        done();
      });
      req.end();
    };
    const tick = () => {
      const due = dueCount({ elapsedMs: performance.now() - start, rate, total });
      while (sent < due) send(start + (sent++ * 1000) / rate);
      if (sent < total) setTimeout(tick, 1);
    };
    tick();
  });
  const wallMs = performance.now() - start;
  agent.destroy();

  return summarize({ latencies, lags, rate, wallMs, errors, non2xx });
};
