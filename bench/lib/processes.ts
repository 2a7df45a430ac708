import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

const repoRoot = path.resolve(import.meta.dirname, "../..");

const listenOn = (port: number): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });

// KTIZO_BENCH_PORTS="4100-4199" keeps every listener of a run inside that range (a shared machine
// hands each user a range); without it the kernel picks a free ephemeral port.
const range = process.env.KTIZO_BENCH_PORTS?.match(/^(\d+)-(\d+)$/);
let nextInRange = range ? Number(range[1]) : 0;

export const freePort = async (): Promise<number> => {
  if (!range) return listenOn(0);
  while (nextInRange <= Number(range[2])) {
    const port = nextInRange++;
    const free = await listenOn(port).catch(() => null);
    if (free) return free;
  }
  throw new Error(`no free port left in KTIZO_BENCH_PORTS=${process.env.KTIZO_BENCH_PORTS}`);
};

export const waitForHttp = async (url: string, timeoutMs = 90_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
};

export type Started = { child: ChildProcess; port: number; url: string; stop: () => Promise<void> };

// Spawns a server (never through a shell, so the pid is the server's own for RSS and kill).
export const startProcess = async (args: string[], env: Record<string, string>, port: number, healthPath = "/"): Promise<Started> => {
  const child = spawn(process.execPath, args, { cwd: repoRoot, env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1" }, stdio: ["ignore", "pipe", "pipe"] });
  const log: string[] = [];
  child.stdout?.on("data", (chunk: Buffer) => log.push(chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => log.push(chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}${healthPath}`);
  } catch (error) {
    child.kill("SIGKILL");
    throw new Error(`${(error as Error).message}\n${log.join("").slice(-4000)}`);
  }

  return {
    child,
    port,
    url,
    stop: () => stopChild(child, "SIGTERM"),
  };
};

// Asks a child to stop with `signal` (nginx wants SIGQUIT for a graceful stop), SIGKILL after 5 s.
export const stopChild = (child: ChildProcess, signal: NodeJS.Signals): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill(signal);
    setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
  });

// Peak and current resident set of a process, from /proc (kB → MB).
export const memoryOf = (pid: number): { command: string; rssMb: number; peakRssMb: number } => {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const command = /^Name:\s+(.+)$/m.exec(status)?.[1] ?? "?";
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0) / 1024;

  return { command, rssMb: Math.round(field("VmRSS")), peakRssMb: Math.round(field("VmHWM")) };
};

// CPU time a process has used since it started, user and system (/proc/<pid>/stat fields 14 and
// 15, in clock ticks: https://man7.org/linux/man-pages/man5/proc_pid_stat.5.html).
let ticksPerSecond = 0;
export const cpuSecondsOf = (pid: number): number => {
  ticksPerSecond ||= Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");

  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
};

// A process and every descendant (from /proc/<pid>/stat's parent field): the web server may fork
// web processes of its own (KTIZO_WEB_PROCESSES, node:cluster).
export const processTree = (root: number): number[] => {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // pid (comm) state ppid …: comm may hold spaces and parentheses, so read after the last ")".
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // exited meanwhile
    }
  }
  const tree = [root];
  for (let index = 0; index < tree.length; index += 1) {
    for (const [pid, ppid] of parents) if (ppid === tree[index]) tree.push(pid);
  }

  return tree;
};
