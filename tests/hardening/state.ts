import fc from "fast-check";
import { expect } from "vitest";
import { prisma } from "@/lib/db/client";

// Row counts of every table a machine-facing request can write to: equal counts before and after
// a refused request (plus unchanged device rows) mean it changed nothing.
export const snapshot = async () => {
  const [devices, events, bootTokens, deviceRows] = await Promise.all([
    prisma.device.count(),
    prisma.event.count(),
    prisma.bootToken.count(),
    prisma.device.findMany({ orderBy: { mac: "asc" }, select: { mac: true, status: true, uuid: true, serial: true, arch: true, hostname: true, lastSeenAt: true, provisionedAt: true } }),
  ]);

  return { devices, events, bootTokens, deviceRows };
};

export type Snapshot = Awaited<ReturnType<typeof snapshot>>;

export const expectUnchanged = async (before: Snapshot, context: string) => {
  expect(await snapshot(), context).toEqual(before);
};

// Builds a Request, or null when the WHATWG Request itself refuses the input (a header value with
// a newline never reaches a route handler, so there is nothing to test for it).
export const tryRequest = (url: string, init: RequestInit): Request | null => {
  try {
    return new Request(url, init);
  } catch {
    return null;
  }
};

// A property run counts only when it really sent a request. A draw that cannot be sent is marked
// with fc.pre: fast-check then draws another (numRuns counts only runs that passed the
// precondition, and too many skips fail the property). `sent()` counts each real request so the
// test can assert that all `runs` happened, rather than trusting a property that returned early.
export const realRuns = (runs: number) => {
  let count = 0;

  return {
    params: { numRuns: runs },
    sent: () => {
      count += 1;
    },
    expectAll: () => expect(count, "property runs that really sent a request").toBeGreaterThanOrEqual(runs),
  };
};

// The Request for a run, or a skipped run (fc.pre) when the WHATWG Request refuses the input.
export const requestOrSkip = (url: string, init: RequestInit): Request => {
  const request = tryRequest(url, init);
  fc.pre(request !== null);

  return request;
};
