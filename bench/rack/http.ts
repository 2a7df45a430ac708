import { Agent, request } from "node:http";
import { percentile } from "../lib/percentiles";

// The simulated machines' HTTP client: one keep-alive pool (at most 500 sockets, under the
// server's listen backlog of 511), every response timed from the moment it got a socket (time
// waiting for a free socket in this client is not the server's), and filed under a route label.
export type Reply = { status: number; body: string; bytes: number; ms: number };

export type Stats = { record: (route: string, reply: Reply) => void; errors: string[]; summary: () => Record<string, RouteSummary> };
export type RouteSummary = { requests: number; p50Ms: number; p99Ms: number; maxMs: number; non200: number };

export const createClient = ({ base, sockets = 500, timeoutMs = 60_000 }: { base: string; sockets?: number; timeoutMs?: number }) => {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });

  return (pathAndQuery: string, { headers, method = "GET", body, keepBody = true }: { headers?: Record<string, string>; method?: string; body?: string; keepBody?: boolean } = {}): Promise<Reply> =>
    new Promise((resolve) => {
      let started = performance.now();
      const req = request(`${base}${pathAndQuery}`, { agent, method, headers, timeout: timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        let bytes = 0;
        res.on("data", (chunk: Buffer) => {
          bytes += chunk.length;
          if (keepBody) chunks.push(chunk);
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), bytes, ms: performance.now() - started }));
        res.on("error", (error) => resolve({ status: 0, body: String(error), bytes, ms: performance.now() - started }));
      });
      req.on("socket", (socket) => {
        started = performance.now();
        if (socket.connecting) socket.once("connect", () => (started = performance.now()));
      });
      req.on("timeout", () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
      req.on("error", (error) => resolve({ status: 0, body: String(error), bytes: 0, ms: performance.now() - started }));
      req.end(body);
    });
};

export const createStats = (): Stats => {
  const latencies = new Map<string, number[]>();
  const non200 = new Map<string, number>();
  const errors: string[] = [];

  return {
    errors,
    record: (route, reply) => {
      const list = latencies.get(route) ?? [];
      list.push(reply.ms);
      latencies.set(route, list);
      if (reply.status !== 200) non200.set(route, (non200.get(route) ?? 0) + 1);
    },
    summary: () =>
      Object.fromEntries(
        [...latencies].map(([route, values]) => [
          route,
          { requests: values.length, p50Ms: percentile(values, 50), p99Ms: percentile(values, 99), maxMs: percentile(values, 100), non200: non200.get(route) ?? 0 },
        ]),
      ),
  };
};
