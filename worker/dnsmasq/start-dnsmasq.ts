import { once } from "node:events";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { execa } from "execa";
import type { Logger } from "@/worker/logger";
import { classifyFailure, type Failure } from "@/worker/dnsmasq/classify-failure";
import { runArgv, type DnsmasqBinary } from "@/worker/dnsmasq/command";
import { closedLevelOfTftpRoot, deniedDirectoryIn } from "@/worker/dnsmasq/closed-directory";

export type ExitInfo = { exitCode: number | undefined; signal: string | undefined; output: string[] };

export type DnsmasqProcess = {
  pid: number;
  // Settles once the process is gone, whoever ended it.
  exited: Promise<ExitInfo>;
  // SIGTERM, then SIGKILL after timeoutMs; resolves when the process is gone.
  stop: (timeoutMs: number) => Promise<ExitInfo>;
};

export type StartResult = { ok: true; process: DnsmasqProcess } | { ok: false; failure: Failure };

export type StartDnsmasqOptions = {
  binary: DnsmasqBinary;
  confFile: string;
  pidFile: string;
  startTimeoutMs: number;
  log: Logger;
  // A line saying dnsmasq was denied its reservations directory `dir`: it runs on without them, so
  // the caller must say so (worker/dnsmasq/closed-directory.ts).
  onDeniedReservations?: (line: string, dir: string) => void;
};

// dnsmasq logs "started, version …" only after it has read its config, bound its sockets and
// checked the TFTP root; every startup error (unknown interface, bind failure) comes before it.
const readyPattern = /started, version/;
const keptLines = 20;

export const startDnsmasq = async ({ binary, confFile, pidFile, startTimeoutMs, log, onDeniedReservations }: StartDnsmasqOptions): Promise<StartResult> => {
  const { file, args } = runArgv(binary, confFile, pidFile);
  const child = execa(file, args, { reject: false, buffer: false, stdin: "ignore", cleanup: true, forceKillAfterDelay: false });
  const recent: string[] = [];
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const follow = (stream: Readable | null) => {
    if (!stream) return Promise.resolve();
    const lines = createInterface({ input: stream, crlfDelay: Infinity });
    lines.on("line", (line) => {
      if (!line.trim()) return;
      log.info(line);
      recent.push(line);
      if (recent.length > keptLines) recent.shift();
      if (readyPattern.test(line)) markReady();
      const denied = deniedDirectoryIn(line);
      if (denied?.kind === "hosts-dir") onDeniedReservations?.(line, denied.dir);
    });

    return once(lines, "close").then(() => undefined);
  };
  const streamsDone = Promise.all([follow(child.stdout), follow(child.stderr)]);

  const exited: Promise<ExitInfo & { spawnCode?: string }> = child.then(async (result) => {
    await streamsDone;

    return {
      exitCode: result.exitCode,
      signal: result.signal,
      output: [...recent],
      spawnCode: (result.cause as NodeJS.ErrnoException | undefined)?.code,
    };
  });

  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), startTimeoutMs)));
  const first = await Promise.race([ready.then(() => "ready" as const), exited.then(() => "exited" as const), timedOut]);
  clearTimeout(timer);

  const stop = async (timeoutMs: number): Promise<ExitInfo> => {
    child.kill("SIGTERM");
    const killer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    const info = await exited;
    clearTimeout(killer);

    return info;
  };

  if (first === "ready" && child.pid !== undefined) {
    return { ok: true, process: { pid: child.pid, exited, stop } };
  }
  if (first === "timeout") await stop(1_000);
  const info = await exited;

  return {
    ok: false,
    failure: classifyFailure({ ...info, timedOut: first === "timeout", command: binary.command, tftpRootClosedAt: await closedLevelOfTftpRoot(info.output) }),
  };
};
