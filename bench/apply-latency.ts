import { spawn } from "node:child_process";
import { chmodSync, mkdirSync } from "node:fs";
import { paths } from "@/lib/paths";
import { pxeArch, udhcpcProbe } from "../tests/net/dhcp-probe";
import { createLan, type Lan } from "../tests/net/netns";
import { waitForStatus, workerArgv } from "../tests/net/worker-harness";
import { percentile } from "./lib/percentiles";
import type { Started } from "./lib/processes";
import { ratio, writeResult } from "./lib/report";

// Apply latency: network settings saved through the API → apply → the worker (in a
// network namespace, as in production) has restarted a real dnsmasq on the new config. Baseline in
// the same run: starting dnsmasq by hand on the same file until it reports "started".
const applies = 6;

const api = async (app: Started, token: string, method: string, url: string, body: unknown) => {
  const response = await fetch(`${app.url}${url}`, { method, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) });
  if (response.status >= 300) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);

  return response.json() as Promise<Record<string, unknown>>;
};

const bareDnsmasqStart = (lan: Lan, conf: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn("ip", ["netns", "exec", lan.host("server").ns, "dnsmasq", "--keep-in-foreground", "--log-facility=-", `--conf-file=${conf}`, "--pid-file="], { stdio: ["ignore", "pipe", "pipe"] });
    const onData = (chunk: Buffer) => {
      if (/started, version/.test(chunk.toString())) {
        const ms = performance.now() - started;
        child.kill("SIGTERM");
        child.once("exit", () => resolve(ms));
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("error", reject);
    setTimeout(() => (child.kill("SIGKILL"), reject(new Error("bare dnsmasq did not start"))), 10_000).unref();
  });

export const applyLatency = async ({ app, token, root }: { app: Started; token: string; root: string }) => {
  // dnsmasq drops to "nobody" and reads the hosts dir: the bench tree must be world-readable.
  for (const dir of [root, paths().dataDir, paths().compiledDir]) {
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, 0o755);
  }
  const lan = await createLan([{ name: "server", hostPart: 1 }, { name: "client" }]);
  const worker = lan.background("server", workerArgv(), { env: { ...process.env, NODE_ENV: "production" } });
  try {
    const network = (await api(app, token, "GET", "/api/v1/network/settings", undefined).catch(() => null)) as { id: string } | null;
    const settings = {
      interface: "lan0", serverIp: `${lan.prefix}.1`, httpBaseUrl: `http://${lan.prefix}.1:3100`, dhcpRangeStart: `${lan.prefix}.100`, dhcpRangeEnd: `${lan.prefix}.150`, netmask: "255.255.255.0", gateway: `${lan.prefix}.1`,
    };
    const id = network?.id ?? ((await api(app, token, "POST", "/api/v1/network/settings", settings)) as { id: string }).id;
    await api(app, token, "PUT", `/api/v1/network/settings/${id}`, settings);
    await api(app, token, "POST", "/api/v1/network/settings/apply", {});
    await waitForStatus(paths().workerStatusFile, (status) => status.state === "running", { timeoutMs: 30_000, what: "first dnsmasq start" }).catch((error: Error) => {
      throw new Error(`${error.message}\n${worker.output().slice(-3000)}`);
    });

    const latencies: number[] = [];
    const hashesMatched: boolean[] = [];
    for (let index = 0; index < applies; index += 1) {
      const started = performance.now();
      await api(app, token, "PUT", `/api/v1/network/settings/${id}`, { leaseTime: index % 2 === 0 ? "6h" : "12h", dhcpRangeEnd: `${lan.prefix}.${140 + index}` });
      const applied = (await api(app, token, "POST", "/api/v1/network/settings/apply", {})) as { configHash: string };
      const status = await waitForStatus(paths().workerStatusFile, (current) => current.state === "running" && current.configHash === applied.configHash, { timeoutMs: 10_000, what: "dnsmasq on the new config" });
      latencies.push(Math.round(performance.now() - started));
      hashesMatched.push(status.configHash === applied.configHash);
    }
    // The new config really serves: a DHCP client in the namespace gets an address in the new range.
    const answer = await udhcpcProbe(lan, { host: "client", arch: pxeArch.bios, timeoutSeconds: 5 });
    // Baseline: the worker (and its dnsmasq) stopped, dnsmasq started by hand on the same file.
    await worker.stop();
    const bare: number[] = [];
    for (let index = 0; index < 3; index += 1) bare.push(Math.round(await bareDnsmasqStart(lan, paths().dnsmasqConf)));
    const p50 = percentile(latencies, 50);
    const max = Math.max(...latencies);
    const bareP50 = percentile(bare, 50);

    writeResult("apply-latency", {
      setup: { applies, measured: "PUT settings + POST apply + worker restarts dnsmasq (status file reports running with the applied configHash)", dnsmasq: "real, in a network namespace" },
      latenciesMs: latencies,
      p50Ms: p50,
      maxMs: max,
      bareDnsmasqStartMs: bare,
      ratioToBareStart: ratio(p50, bareP50),
      dhcpProbe: answer,
      checks: [
        { name: "apply → dnsmasq serving the new config", target: "< 2000 ms", value: `p50 ${p50} ms, max ${max} ms (bare dnsmasq start ${bareP50} ms)`, pass: max < 2000 && hashesMatched.every(Boolean) },
        { name: "DHCP answer after the last apply", target: "an address in the range", value: answer.ip ?? "none", pass: Boolean(answer.ip?.startsWith(`${lan.prefix}.`)) },
      ],
    });
  } finally {
    await worker.stop();
    await lan.destroy();
  }
};
