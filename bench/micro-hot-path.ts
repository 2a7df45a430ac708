// `npx tsx bench/micro-hot-path.ts [n]`: in-process CPU cost of the machine-facing hot paths
// (service functions called directly, no HTTP, one at a time) on a throw-away bench DB. A quick
// before/after check for lib/services/boot/serve-boot-script.ts and the boot settings; the load test
// is bench/boot-storm.ts.
import { rmSync } from "node:fs";
import { createBenchEnv } from "./lib/bench-env";

const n = Number(process.argv[2] ?? 300);
const bench = createBenchEnv();
try {
  const { seedBaseSettings } = await import("./lib/seed-settings");
  const { seedDevices } = await import("./lib/seed");
  const { serveBootScript } = await import("@/lib/services/boot");
  const { serveBootEntryScript, downloadDeviceConfig } = await import("@/lib/services/boot");
  const { resetForDownloads } = await import("./lib/seed");
  await seedBaseSettings();
  const approved = await seedDevices({ count: 200, status: "approved", prefix: "52:54:01" });
  const pending = await seedDevices({ count: 200, status: "pending", prefix: "52:54:02" });
  const downloads = await seedDevices({ count: n + 20, status: "approved", prefix: "52:54:03" });
  const time = async (name: string, call: (index: number) => Promise<unknown>) => {
    for (let index = 0; index < 20; index += 1) await call(index);
    const cpu = process.cpuUsage();
    const start = performance.now();
    for (let index = 20; index < n + 20; index += 1) await call(index);
    const wallMs = (performance.now() - start) / n;
    const used = process.cpuUsage(cpu);
    console.log(`${name.padEnd(34)} ${wallMs.toFixed(2)} ms wall, ${((used.user + used.system) / 1000 / n).toFixed(2)} ms CPU per call`);
  };
  const origin = "http://ktizo.test";
  await time("/boot.ipxe (entry script)", () => serveBootEntryScript({ requestOrigin: origin }));
  const script = (mac: string) => serveBootScript({ mac, machine: { report: { arch: "x86_64" }, dropped: [] }, sourceIp: "127.0.0.1", requestOrigin: origin });
  // A device's first Talos script mints its config token (a write); a repeated one re-serves it.
  const firsts = await seedDevices({ count: n + 20, status: "approved", prefix: "52:54:04" });
  await time("/api/v1/boot/ipxe approved, first", (index) => script(firsts[index]!));
  for (const mac of approved) await script(mac);
  await time("/api/v1/boot/ipxe approved (talos)", (index) => script(approved[index % approved.length]!));
  // A pending machine polls again and again: its first poll (what it is told, its identity) is written once.
  for (const mac of pending) await script(mac);
  await time("/api/v1/boot/ipxe pending (poll)", (index) => script(pending[index % pending.length]!));
  // An unknown MAC's first poll registers it (a pending device, its event; the rules decide in the
  // same transaction). Each source address has its own registration budget, so spread them.
  const newMac = (index: number) => `52:54:05:00:${((index >> 8) & 0xff).toString(16).padStart(2, "0")}:${(index & 0xff).toString(16).padStart(2, "0")}`;
  const registerNew = (index: number) =>
    serveBootScript({ mac: newMac(index), machine: { report: { arch: "x86_64" }, dropped: [] }, sourceIp: `10.${(index >> 8) & 0xff}.${index & 0xff}.9`, requestOrigin: origin });
  await time("/api/v1/boot/ipxe unknown MAC (registers)", registerNew);
  // Each device downloads once (a first download with a valid one-use token).
  const tokens = await resetForDownloads("52:54:03");
  await time("/api/v1/config/download (first)", (index) => downloadDeviceConfig({ mac: downloads[index]!, token: tokens.get(downloads[index]!), sourceIp: "127.0.0.1" }));
} finally {
  rmSync(bench.root, { recursive: true, force: true });
}
process.exit(0);
