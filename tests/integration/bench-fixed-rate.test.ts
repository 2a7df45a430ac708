import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { dueCount, runFixedRate } from "@/bench/lib/fixed-rate";

describe("dueCount", () => {
  it.each([
    [0, 100, 1000, 1],
    [9.9, 100, 1000, 1],
    [10, 100, 1000, 2],
    [999, 100, 1000, 100],
    [60_000, 100, 1000, 1000],
    [-1, 100, 1000, 0],
  ])("%d ms at %d/s (of %d) → %d due", (elapsedMs, rate, total, due) => {
    expect(dueCount({ elapsedMs, rate, total })).toBe(due);
  });
});

describe("runFixedRate (open loop against a real node:http server)", () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  const listen = (handler: Parameters<typeof createServer>[1]): Promise<string> =>
    new Promise((resolve) => {
      server = createServer(handler);
      server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server!.address() as AddressInfo).port}`));
    });

  it("sends at the asked rate and, with a quick server, measures a small latency", async () => {
    const url = await listen((_req, res) => res.end("ok\n"));
    const result = await runFixedRate({ url, rate: 200, durationS: 1, connections: 8 });
    expect(result.requests).toBe(200);
    expect(result.errors + result.non2xx).toBe(0);
    // 200 requests spread over ~1 s, not sent at once.
    expect(result.durationS).toBeGreaterThan(0.9);
    expect(result.p50Ms).toBeLessThan(50);
  });

  it("charges a server stall to every request that fell due during it (no coordinated omission)", async () => {
    // The server blocks its event loop for 300 ms once, 200 ms into the run: the ~30 requests due
    // during the stall wait for it, so more than 1% of 200 requests are slow, and p99 shows it.
    const started = Date.now();
    let stalled = false;
    const url = await listen((_req, res) => {
      if (!stalled && Date.now() - started > 200) {
        stalled = true;
        const until = Date.now() + 300;
        while (Date.now() < until) {
          // busy: a synchronous stall like a long GC pause or a blocking call
        }
      }
      res.end("ok\n");
    });
    const result = await runFixedRate({ url, rate: 100, durationS: 2, connections: 4 });
    expect(result.requests).toBe(200);
    expect(result.p99Ms).toBeGreaterThan(200);
    expect(result.p50Ms).toBeLessThan(50);
  });

  it("counts a wrong status and a refused connection, not as latency", async () => {
    const url = await listen((_req, res) => {
      res.statusCode = 503;
      res.end();
    });
    const wrong = await runFixedRate({ url, rate: 50, durationS: 0.2, connections: 2 });
    expect(wrong.non2xx).toBe(10);
    expect(wrong.requests).toBe(0);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    const refused = await runFixedRate({ url, rate: 50, durationS: 0.2, connections: 2 });
    expect(refused.errors).toBe(10);
  });
});
