import { hashPassword } from "@/lib/auth/password";
import { sessionCookieName } from "@/lib/auth/session-policy";
import { apiTokenPrefix, generateSecretToken, hashToken } from "@/lib/auth/tokens";
import { prisma } from "@/lib/db/client";
import type { Started } from "./lib/processes";
import { runLoad, type LoadResult } from "./lib/load";
import { writeResult } from "./lib/report";
import { seedDevices } from "./lib/seed";

// Dashboard at 10,000 devices: server time of the Devices page and the list API, p50/p99,
// one request at a time (so the figure is the server's time, not queueing behind other requests).
const target = 10_000;

export const credentials = async () => {
  const user = (await prisma.user.findFirst()) ?? (await prisma.user.create({ data: { username: "bench", passwordHash: await hashPassword("bench-password") } }));
  const session = generateSecretToken();
  await prisma.session.create({ data: { tokenHash: hashToken(session), userId: user.id, expiresAt: new Date(Date.now() + 3_600_000) } });
  const token = generateSecretToken(apiTokenPrefix);
  await prisma.apiToken.create({ data: { name: "bench", tokenHash: hashToken(token), prefix: token.slice(0, 8), createdById: user.id } });

  return { cookie: `${sessionCookieName}=${encodeURIComponent(session)}`, token };
};

export const dashboard = async ({ app, durationS }: { app: Started; durationS: number }) => {
  const existing = await prisma.device.count();
  if (existing < target) {
    const half = Math.floor((target - existing) / 2);
    await seedDevices({ count: half, status: "approved", prefix: "52:54:03" });
    await seedDevices({ count: target - existing - half, from: half, status: "pending", prefix: "52:54:03" });
  }
  const devices = await prisma.device.count();
  const { cookie, token } = await credentials();
  const bearer = { authorization: `Bearer ${token}` };
  const cases: [string, string, Record<string, string>][] = [
    ["Devices page (HTML, first page)", "/devices", { cookie }],
    ["list API, page 1", "/api/v1/devices?page=1&pageSize=50", bearer],
    ["list API, status=pending, page 20", "/api/v1/devices?status=pending&page=20&pageSize=50", bearer],
    ["list API, search q=52:54:03:00:1", "/api/v1/devices?q=52:54:03:00:1", bearer],
    ["list API, pageSize=500", "/api/v1/devices?pageSize=500", bearer],
  ];
  const measured: (LoadResult & { name: string; path: string })[] = [];
  for (const [name, path, headers] of cases) {
    const check = await fetch(`${app.url}${path}`, { headers, redirect: "manual" });
    if (check.status !== 200) throw new Error(`${path} answered ${check.status}`);
    await check.arrayBuffer();
    measured.push({ name, path, ...(await runLoad({ url: `${app.url}${path}`, connections: 1, durationS, headers })) });
  }

  writeResult("dashboard", {
    setup: { devices, connections: 1, durationS, auth: "session cookie for the page, API token for the API, both created directly in the bench DB" },
    cases: measured,
    checks: measured.map((result) => ({
      name: `${result.name} p99`,
      target: "< 300 ms",
      value: `${result.p99Ms} ms (p50 ${result.p50Ms} ms, ${result.requests} requests, errors ${result.errors + result.non2xx})`,
      pass: result.p99Ms < 300 && result.errors + result.non2xx === 0,
    })),
  });
};
