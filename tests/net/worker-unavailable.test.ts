import { spawn } from "node:child_process";
import { chmod, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLan, netTestsEnabled, type Background, type Lan } from "@/tests/net/netns";
import {
  isAlive, readStatus, survivorsAfter, testDnsmasqConf, waitForStatus, workerArgv, workerDirs, writeAtomic, type WorkerDirs,
} from "@/tests/net/worker-harness";

const makeDirs = async (): Promise<WorkerDirs> => {
  const dirs = workerDirs(await mkdtemp(path.join(tmpdir(), "ktz-worker-")));
  await chmod(dirs.root, 0o755);
  await mkdir(dirs.hostsDir, { recursive: true, mode: 0o755 });
  await mkdir(dirs.dataDir, { recursive: true, mode: 0o755 });

  return dirs;
};

const workerEnv = (dirs: WorkerDirs, extra: Record<string, string> = {}) => ({
  NODE_ENV: "production" as const,
  KTIZO_DATA_DIR: dirs.dataDir,
  KTIZO_COMPILED_DIR: dirs.compiledDir,
  ...extra,
});

// No namespace needed: without a usable dnsmasq nothing is ever bound.
describe("worker without a dnsmasq binary", () => {
  let dirs: WorkerDirs;
  let output = "";
  let child: ReturnType<typeof spawn>;

  beforeAll(async () => {
    dirs = await makeDirs();
    const [file = "", ...args] = workerArgv();
    child = spawn(file, args, { env: { ...process.env, ...workerEnv(dirs, { KTIZO_DNSMASQ: "/nonexistent/sbin/dnsmasq" }) }, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  });

  afterAll(async () => {
    if (child?.pid && isAlive(child.pid)) child.kill("SIGKILL");
    if (dirs) await rm(dirs.root, { recursive: true, force: true });
  });

  it("reports `unavailable` with the reason, even before any config exists", async () => {
    const status = await waitForStatus(dirs.statusFile, (s) => s.state === "unavailable", { timeoutMs: 20_000 });

    expect(status.reason).toBe("dnsmasq binary not found: /nonexistent/sbin/dnsmasq (install dnsmasq-base or set KTIZO_DNSMASQ)");
    expect(status.dnsmasqPid).toBeNull();
  });

  it("keeps watching: a new config is tried and reported, the worker stays up", async () => {
    await writeAtomic(dirs.conf, "port=0\n");
    const status = await waitForStatus(dirs.statusFile, (s) => s.lastError !== null);

    expect(status).toMatchObject({ state: "unavailable", dnsmasqPid: null });
    expect(status.lastError?.message).toMatch(/dnsmasq binary not found/);
    expect(child.exitCode).toBeNull();
    // The line is written before the status file, but the pipe is read on a later turn of the loop.
    for (let tries = 0; !/config changed: testing config/.test(output) && tries < 100; tries++) await sleep(50);
    expect(output).toMatch(/config changed: testing config/);
  });

  it("exits cleanly on SIGINT and says so in the status", async () => {
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGINT");

    expect(await exited).toBe(0);
    expect(await readStatus(dirs.statusFile)).toMatchObject({ state: "stopped", reason: "worker stopped (SIGINT)" });
  });
});

describe.skipIf(!netTestsEnabled())("worker in a namespace", () => {
  let lan: Lan;
  const started: Background[] = [];
  const cleanup: string[] = [];

  beforeAll(async () => {
    lan = await createLan([{ name: "server", hostPart: 1 }, { name: "client" }]);
  });

  afterAll(async () => {
    await Promise.all(started.map((worker) => worker.stop()));
    await lan?.destroy();
    await Promise.all(cleanup.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  const conf = (dirs: WorkerDirs) => testDnsmasqConf({ dirs, iface: "lan0", prefix: lan.prefix, clientMac: lan.host("client").mac, bootFile: "x.kpxe" });

  it("waits for a config, then starts", async () => {
    const dirs = await makeDirs();
    cleanup.push(dirs.root);
    const worker = lan.background("server", workerArgv(), { env: workerEnv(dirs) });
    started.push(worker);
    const waiting = await waitForStatus(dirs.statusFile, (s) => s.state === "waiting-for-config", { timeoutMs: 20_000 });
    await writeAtomic(dirs.conf, conf(dirs));
    const running = await waitForStatus(dirs.statusFile, (s) => s.state === "running");

    expect(waiting.reason).toMatch(/^no .*dnsmasq\.conf yet/);
    expect(running.dnsmasqPid).not.toBeNull();
    await worker.stop();
    expect(await readStatus(dirs.statusFile)).toMatchObject({ state: "stopped" });
  });

  it("a first config whose interface comes up late is retried until dnsmasq starts", async () => {
    const dirs = await makeDirs();
    cleanup.push(dirs.root);
    await writeAtomic(dirs.conf, testDnsmasqConf({ dirs, iface: "late0", prefix: lan.prefix, clientMac: lan.host("client").mac, bootFile: "x.kpxe" }));
    const worker = lan.background("server", workerArgv(), { env: workerEnv(dirs) });
    started.push(worker);
    const failedOnce = await waitForStatus(dirs.statusFile, (s) => /unknown interface late0/.test(s.lastError?.message ?? ""), { timeoutMs: 20_000 });
    // A second interface in the server namespace, as a VLAN or bridge created late at boot would be.
    for (const argv of [["ip", "link", "add", "late0", "type", "veth", "peer", "name", "late1"], ["ip", "link", "set", "late0", "up"], ["ip", "link", "set", "late1", "up"]]) {
      expect((await lan.run("server", argv)).exitCode).toBe(0);
    }
    const running = await waitForStatus(dirs.statusFile, (s) => s.state === "running");

    expect(failedOnce.state).not.toBe("running");
    expect(running.restarts).toBeGreaterThanOrEqual(1);
    await worker.waitForOutput(/\[dnsmasq\] dnsmasq\[\d+\]: started/);
  });

  it("a first config with a syntax error: `failed`, nothing retried", async () => {
    const dirs = await makeDirs();
    cleanup.push(dirs.root);
    await writeAtomic(dirs.conf, `${conf(dirs)}dhcp-range=nonsense\n`);
    const worker = lan.background("server", workerArgv(), { env: workerEnv(dirs) });
    started.push(worker);
    const failed = await waitForStatus(dirs.statusFile, (s) => s.state === "failed", { timeoutMs: 20_000 });
    await sleep(500);

    expect(failed.reason).toMatch(/^config rejected and there is no earlier good config: dnsmasq --test rejected the config: bad dhcp-range/);
    expect(await readStatus(dirs.statusFile)).toMatchObject({ state: "failed", restarts: 0, dnsmasqPid: null });
  });

  it("without privileges (no capabilities): `unavailable`, with dnsmasq's reason", async () => {
    const dirs = await makeDirs();
    cleanup.push(dirs.root);
    await writeAtomic(dirs.conf, conf(dirs));
    // Root with every capability dropped (bounding, inheritable and ambient sets empty) is what an
    // unprivileged service user amounts to for dnsmasq: it may not bind the DHCP port. Staying uid 0
    // keeps the checkout readable wherever it lives (a clone under a 0700 directory is unreadable to
    // `nobody`, which made this test depend on where CI put the repository).
    const worker = lan.background("server", ["setpriv", "--bounding-set=-all", "--inh-caps=-all", "--ambient-caps=-all", ...workerArgv()], { env: workerEnv(dirs) });
    started.push(worker);
    const status = await waitForStatus(dirs.statusFile, (s) => s.state === "unavailable", { timeoutMs: 20_000 }).catch((error: Error) => {
      throw new Error(`${error.message}\n${worker.output()}`);
    });

    expect(status.reason).toMatch(/^missing privileges \(run as root or with CAP_NET_ADMIN\): dnsmasq exited with code 2: failed to bind DHCP server socket: Permission denied/);
    expect(status.lastError?.message).toBe(status.reason);
  });

  it("a TFTP root below a directory closed to others: `unavailable`, naming that directory and the fix", async () => {
    const dirs = await makeDirs();
    cleanup.push(dirs.root);
    // Where a clone by root ends up (Debian's /root is 0700). dnsmasq opens its TFTP root only after
    // it has become `nobody`, so the worker's being root does not help.
    await chmod(dirs.root, 0o700);
    const tftpRoot = path.join(dirs.compiledDir, "tftp");
    await mkdir(tftpRoot, { recursive: true, mode: 0o755 });
    await writeAtomic(dirs.conf, `${conf(dirs)}enable-tftp\ntftp-root=${tftpRoot}\n`);
    const worker = lan.background("server", workerArgv(), { env: workerEnv(dirs) });
    started.push(worker);
    const status = await waitForStatus(dirs.statusFile, (s) => s.state === "unavailable", { timeoutMs: 20_000 }).catch((error: Error) => {
      throw new Error(`${error.message}\n${worker.output()}`);
    });

    expect(status.reason).toBe(
      `dnsmasq cannot open its TFTP root as user nobody, which it runs as after start: user nobody cannot enter ${dirs.root} (mode 0700); ` +
        `let others search it (chmod o+x ${dirs.root}) or set KTIZO_COMPILED_DIR to a directory outside it. ` +
        `dnsmasq exited with code 3: TFTP directory ${tftpRoot} inaccessible: Permission denied`,
    );
    expect(status.dnsmasqPid).toBeNull();
  });

  it("reservations below a directory closed to others: dnsmasq runs, and the status says the reservations are not served and why", async () => {
    const dirs = await makeDirs();
    cleanup.push(dirs.root);
    await chmod(dirs.root, 0o700);
    // No TFTP: dnsmasq starts, then is denied its dhcp-hostsdir as nobody and runs on without it.
    await writeAtomic(dirs.conf, conf(dirs));
    const worker = lan.background("server", workerArgv(), { env: workerEnv(dirs) });
    started.push(worker);
    const status = await waitForStatus(dirs.statusFile, (s) => s.state === "running" && s.lastError !== null, { timeoutMs: 20_000 }).catch((error: Error) => {
      throw new Error(`${error.message}\n${worker.output()}`);
    });

    expect(status.lastError?.message).toBe(
      `dnsmasq cannot read its reservations directory as user nobody, which it runs as after start: user nobody cannot enter ${dirs.root} (mode 0700); ` +
        `let others search it (chmod o+x ${dirs.root}) or set KTIZO_COMPILED_DIR to a directory outside it. ` +
        `Until then approved devices do not get their reserved addresses. dnsmasq said: bad dynamic directory ${dirs.hostsDir}: Permission denied`,
    );
    // Newer than the start, so the dashboard shows it beside "running" (worker-status-card.tsx).
    expect(status.lastError!.at >= status.lastReloadAt!).toBe(true);
    expect(status.lastError?.configHash).toBe(status.configHash);
  });

  it("a denied-directory line for a directory other than ktizo's reservations is logged, not reported", async () => {
    const dirs = await makeDirs();
    cleanup.push(dirs.root);
    // A closed directory that is not compiled/dnsmasq/hosts.d, as a line shaped by someone else would name.
    const elsewhere = path.join(dirs.root, "private", "hosts.d");
    await mkdir(elsewhere, { recursive: true });
    await chmod(path.dirname(elsewhere), 0o700);
    await writeAtomic(dirs.conf, conf(dirs).replace(`dhcp-hostsdir=${dirs.hostsDir}`, `dhcp-hostsdir=${elsewhere}`));
    const worker = lan.background("server", workerArgv(), { env: workerEnv(dirs) });
    started.push(worker);
    await worker.waitForOutput(new RegExp(`ignored a denied-directory line for ${elsewhere}`), 20_000);
    const status = await waitForStatus(dirs.statusFile, (s) => s.state === "running");

    expect(status.lastError).toBeNull();
  });

  it("a dnsmasq left behind by a SIGKILLed worker is stopped by the next worker", async () => {
    const dirs = await makeDirs();
    cleanup.push(dirs.root);
    await writeAtomic(dirs.conf, conf(dirs));
    const first = lan.background("server", workerArgv(), { env: workerEnv(dirs) });
    started.push(first);
    const { dnsmasqPid: orphan } = await waitForStatus(dirs.statusFile, (s) => s.state === "running", { timeoutMs: 20_000 });
    process.kill(first.pid, "SIGKILL");
    await sleep(300);
    expect(isAlive(orphan ?? 0)).toBe(true);

    const second = lan.background("server", workerArgv(), { env: workerEnv(dirs) });
    started.push(second);
    const running = await waitForStatus(dirs.statusFile, (s) => s.state === "running" && s.workerPid === second.pid, { timeoutMs: 20_000 });

    expect(await survivorsAfter([orphan ?? 0])).toEqual([]);
    expect(running.dnsmasqPid).not.toBe(orphan);
    expect(second.output()).toMatch(new RegExp(`stopping dnsmasq ${orphan} left over from an earlier worker`));
  });
});
