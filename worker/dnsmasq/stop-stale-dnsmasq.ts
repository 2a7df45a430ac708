import { readFile, rm } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "@/worker/logger";

export type StopStaleOptions = { pidFile: string; timeoutMs: number; log: Logger };

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);

    return true;
  } catch {
    return false;
  }
};

// It may exit on its own between the check and the signal.
const signal = (pid: number, name: NodeJS.Signals) => {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
};

// A worker that was SIGKILLed leaves its dnsmasq running (dnsmasq ignores SIGPIPE), holding port 67,
// so the next worker could never start one. The pid file names it; the command line must still
// be a dnsmasq using that very pid file, so a recycled pid is never touched.
export const stopStaleDnsmasq = async ({ pidFile, timeoutMs, log }: StopStaleOptions): Promise<void> => {
  const pid = Number.parseInt(await readFile(pidFile, "utf8").catch(() => ""), 10);
  if (!Number.isInteger(pid) || pid <= 1 || pid === process.pid) return;
  const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
  const argv = cmdline.split("\0");
  if (!argv.some((arg) => arg.endsWith("dnsmasq")) || !argv.includes(`--pid-file=${pidFile}`)) return;

  log.warn(`stopping dnsmasq ${pid} left over from an earlier worker`);
  signal(pid, "SIGTERM");
  const deadline = Date.now() + timeoutMs;
  while (alive(pid) && Date.now() < deadline) await sleep(50);
  if (alive(pid)) signal(pid, "SIGKILL");
  await rm(pidFile, { force: true });
};
