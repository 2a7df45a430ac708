import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { runLoad } from "@/bench/lib/load";

// The ceiling benchmark's config download round is a fixed number of requests (autocannon's
// `amount`); autocannon itself only ends such a run at its next one-second tick, which read 1,000
// downloads in ~1.2 s as 500 req/s. runLoad ends the run with its last answer.
describe("runLoad with a fixed number of requests", () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it("times the run to its last answer, not to autocannon's next one-second tick", async () => {
    // Each answer after 2 ms: 300 requests over 10 connections take ~60–200 ms here.
    server = createServer((_req, res) => void setTimeout(() => res.end("ok\n"), 2));
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", () => resolve()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const started = Date.now();
    const result = await runLoad({ url, connections: 10, amount: 300 });
    const wallMs = Date.now() - started;

    expect(result.requests).toBe(300);
    expect(result.errors + result.non2xx).toBe(0);
    // autocannon's own finish comes at its 1 s tick at the earliest; the last answer long before.
    expect(wallMs).toBeGreaterThanOrEqual(900);
    expect(result.durationS).toBeLessThan(0.8);
    expect(result.rps).toBeGreaterThan(300 / 0.8);
  });
});
