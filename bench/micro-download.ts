// `npx tsx bench/micro-download.ts [n] [--ip-only]`: in-process CPU per first config download only (the last
// row of micro-hot-path.ts, alone), for profiling: `node --cpu-prof --import tsx bench/micro-download.ts`.
import { rmSync } from "node:fs";
import { createBenchEnv } from "./lib/bench-env";

const n = Number(process.argv[2] ?? 300);
// `--ip-only`: as the ceiling bench runs it (bench/boot-ceiling.ts): identityCheck ip-only, tokens bound to loopback.
const ipOnly = process.argv.includes("--ip-only");
const bench = createBenchEnv();
try {
  const { seedBaseSettings } = await import("./lib/seed-settings");
  const { seedDevices, resetForDownloads } = await import("./lib/seed");
  const { downloadDeviceConfig } = await import("@/lib/services/boot");
  await seedBaseSettings();
  if (ipOnly) {
    const { prisma } = await import("@/lib/db/client");
    await prisma.networkSettings.updateMany({ data: { identityCheck: "ip_only" } });
  }
  const downloads = await seedDevices({ count: n + 20, status: "approved", prefix: "52:54:03" });
  const tokens = await resetForDownloads("52:54:03", ipOnly ? { boundIp: "127.0.0.1" } : {});
  const call = (index: number) => downloadDeviceConfig({ mac: downloads[index]!, token: tokens.get(downloads[index]!), sourceIp: "127.0.0.1" });
  for (let index = 0; index < 20; index += 1) await call(index);
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let index = 20; index < n + 20; index += 1) await call(index);
  const used = process.cpuUsage(cpu);
  console.log(`/api/v1/config/download (first) ${((performance.now() - start) / n).toFixed(2)} ms wall, ${((used.user + used.system) / 1000 / n).toFixed(2)} ms CPU per call`);
} finally {
  rmSync(bench.root, { recursive: true, force: true });
}
process.exit(0);
