import { readdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { workerStatusSchema, type WorkerStatus } from "@/lib/schemas/worker-status";
import packageJson from "@/package.json";

// Helpers for the worker's network tests. The worker runs exactly as `npm run worker` (and the
// dnsmasq container) runs it, inside a test namespace from tests/net/netns.ts.
export const workerArgv = (): string[] => {
  const [first, ...rest] = packageJson.scripts.worker.split(" ");

  return [first === "node" ? process.execPath : (first ?? ""), ...rest];
};

export type WorkerDirs = { root: string; dataDir: string; compiledDir: string; dnsmasqDir: string; hostsDir: string; conf: string; statusFile: string };

export const workerDirs = (root: string): WorkerDirs => ({
  root,
  dataDir: path.join(root, "data"),
  compiledDir: path.join(root, "compiled"),
  dnsmasqDir: path.join(root, "compiled", "dnsmasq"),
  hostsDir: path.join(root, "compiled", "dnsmasq", "hosts.d"),
  conf: path.join(root, "compiled", "dnsmasq", "dnsmasq.conf"),
  statusFile: path.join(root, "data", "worker-status.json"),
});

export type TestConfigOptions = { dirs: WorkerDirs; iface: string; prefix: string; clientMac: string; bootFile: string };

// A minimal PXE config in the shape of TOOLCHAIN §6, independent of ktizo's renderer.
export const testDnsmasqConf = ({ dirs, iface, prefix, clientMac, bootFile }: TestConfigOptions): string =>
  [
    "port=0",
    `interface=${iface}`,
    "bind-interfaces",
    "log-dhcp",
    `dhcp-leasefile=${dirs.dataDir}/test.leases`,
    `dhcp-range=${prefix}.100,${prefix}.150,255.255.255.0,1h`,
    `dhcp-host=${clientMac},${prefix}.11,client`,
    `dhcp-hostsdir=${dirs.hostsDir}`,
    `dhcp-boot=${bootFile},,${prefix}.1`,
    "",
  ].join("\n");

// Same temp-file + rename the web app's writer does.
export const writeAtomic = async (file: string, text: string): Promise<void> => {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.test.tmp`);
  await writeFile(temp, text, { mode: 0o644 });
  await rename(temp, file);
};

export const readStatus = async (file: string): Promise<WorkerStatus | null> => {
  const text = await readFile(file, "utf8").catch(() => null);
  if (!text) return null;

  return workerStatusSchema.parse(JSON.parse(text));
};

export const waitForStatus = async (
  file: string,
  predicate: (status: WorkerStatus) => boolean,
  { timeoutMs = 10_000, what = "status" }: { timeoutMs?: number; what?: string } = {},
): Promise<WorkerStatus> => {
  const deadline = Date.now() + timeoutMs;
  let last: WorkerStatus | null = null;
  while (Date.now() < deadline) {
    last = await readStatus(file).catch(() => last);
    if (last && predicate(last)) return last;
    await sleep(25);
  }
  throw new Error(`timed out waiting for ${what}; last status: ${JSON.stringify(last)}`);
};

// Every process whose command line mentions `needle` (our temp dir): the orphan check.
export const processesMentioning = async (needle: string): Promise<{ pid: number; cmdline: string }[]> => {
  const found: { pid: number; cmdline: string }[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, "utf8").catch(() => "");
    if (cmdline.includes(needle)) found.push({ pid: Number(entry), cmdline: cmdline.replaceAll("\0", " ") });
  }

  return found;
};

export const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);

    return true;
  } catch {
    return false;
  }
};

// All processes below `pid` (dnsmasq, tsx's esbuild service, ...), from /proc/<pid>/stat.
export const descendantsOf = async (pid: number): Promise<number[]> => {
  const parents = new Map<number, number>();
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
    // The comm field may contain spaces; the ppid is the 2nd field after the closing paren.
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (ppid) parents.set(Number(entry), ppid);
  }
  const found: number[] = [];
  const walk = (parent: number) => {
    for (const [child, ppid] of parents) {
      if (ppid === parent) {
        found.push(child);
        walk(child);
      }
    }
  };
  walk(pid);

  return found;
};

// Processes exit a moment after their parent (tsx's esbuild service sees its stdin close):
// the survivors after `timeoutMs`, with their command lines, for the assertion message.
export const survivorsAfter = async (pids: number[], timeoutMs = 2_000): Promise<string[]> => {
  const deadline = Date.now() + timeoutMs;
  while (pids.some(isAlive) && Date.now() < deadline) await sleep(50);
  const alive = pids.filter(isAlive);

  return Promise.all(alive.map(async (pid) => `${pid} ${(await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "")).replaceAll("\0", " ")}`));
};
