import { chmod, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pxeArch, udhcpcProbe } from "@/tests/net/dhcp-probe";
import { createLan, netTestsEnabled, type Background, type Lan } from "@/tests/net/netns";
import {
  descendantsOf, processesMentioning, readStatus, testDnsmasqConf, survivorsAfter, waitForStatus, workerArgv, workerDirs, writeAtomic, type WorkerDirs,
} from "@/tests/net/worker-harness";

// The worker supervising a real dnsmasq in a test namespace, probed by a real DHCP client.
// The tests run in order and share one worker: each step starts from the state the last one left.
describe.skipIf(!netTestsEnabled())("worker supervising dnsmasq", () => {
  let lan: Lan;
  let dirs: WorkerDirs;
  let worker: Background;
  const maxFailures = 3;

  const conf = (bootFile: string, iface = "lan0") =>
    testDnsmasqConf({ dirs, iface, prefix: lan.prefix, clientMac: lan.host("client").mac, bootFile });
  const probe = () => udhcpcProbe(lan, { host: "client", arch: pxeArch.bios, timeoutSeconds: 4 });
  const status = async () => {
    const current = await readStatus(dirs.statusFile);
    if (!current) throw new Error("no status file");

    return current;
  };
  // Applies `text` and returns when the worker reports it running (or times out), with the elapsed ms.
  const applyAndWait = async (text: string, predicate: (s: Awaited<ReturnType<typeof status>>) => boolean) => {
    const started = Date.now();
    await writeAtomic(dirs.conf, text);
    const reached = await waitForStatus(dirs.statusFile, predicate, { what: "the worker to act on the new config" });

    return { reached, started };
  };

  beforeAll(async () => {
    dirs = workerDirs(await mkdtemp(path.join(tmpdir(), "ktz-worker-")));
    // dnsmasq drops to "nobody" and then reads dhcp-hostsdir: the tree must be world-readable.
    await chmod(dirs.root, 0o755);
    await mkdir(dirs.hostsDir, { recursive: true, mode: 0o755 });
    await mkdir(dirs.dataDir, { recursive: true, mode: 0o755 });
    lan = await createLan([{ name: "server", hostPart: 1 }, { name: "client" }]);
    await writeAtomic(dirs.conf, conf("first.kpxe"));
    worker = lan.background("server", workerArgv(), {
      env: {
        NODE_ENV: "production",
        KTIZO_DATA_DIR: dirs.dataDir,
        KTIZO_COMPILED_DIR: dirs.compiledDir,
        KTIZO_WORKER_MAX_FAILURES: String(maxFailures),
      },
    });
    await waitForStatus(dirs.statusFile, (s) => s.state === "running", { timeoutMs: 20_000, what: "first start" }).catch((error: Error) => {
      throw new Error(`${error.message}\nworker output:\n${worker.output()}`);
    });
  });

  afterAll(async () => {
    await worker?.stop();
    await lan?.destroy();
    if (dirs) await rm(dirs.root, { recursive: true, force: true });
  });

  it("starts dnsmasq on the rendered config and serves its boot file", async () => {
    const answer = await probe();

    expect(answer.bootFile).toBe("first.kpxe");
    expect(answer.ip).toBe(`${lan.prefix}.11`);
    await worker.waitForOutput(/\[dnsmasq\] dnsmasq\[\d+\]: started, version/);
  });

  it("applies a new config: the new boot file is served within 2 s", async () => {
    const before = await status();
    const { started } = await applyAndWait(conf("second.kpxe"), (s) => s.state === "running" && s.configHash !== before.configHash);
    const answer = await probe();
    const elapsed = Date.now() - started;

    expect(answer.bootFile).toBe("second.kpxe");
    expect(elapsed).toBeLessThan(2_000);
    const after = await status();
    expect(after.dnsmasqPid).not.toBe(before.dnsmasqPid);
    expect(after.lastError).toBeNull();
  });

  it("hosts.d changes apply without a restart (a change and a removal through the worker's SIGHUP)", async () => {
    const before = await status();
    const hostFile = path.join(dirs.hostsDir, "client.conf");
    const hangups = () => (worker.output().match(/SIGHUP to dnsmasq \d+: hosts files changed/g) ?? []).length;
    await writeAtomic(hostFile, `${lan.host("client").mac},${lan.prefix}.12,client\n`);
    await sleep(1_000);
    const added = await probe();
    const afterAdd = hangups();
    await writeAtomic(hostFile, `${lan.host("client").mac},${lan.prefix}.13,client\n`);
    await sleep(1_000);
    const changed = await probe();
    const afterChange = hangups();
    await rm(hostFile);
    await sleep(1_000);
    const removed = await probe();

    expect(added.ip).toBe(`${lan.prefix}.12`);
    // A new file needs no signal (dnsmasq's inotify); a change and a removal get one each.
    expect(afterAdd).toBe(0);
    expect(changed.ip).toBe(`${lan.prefix}.13`);
    expect(afterChange).toBe(1);
    expect(removed.ip).toBe(`${lan.prefix}.11`);
    expect(hangups()).toBe(2);
    expect((await status()).dnsmasqPid).toBe(before.dnsmasqPid);
  });

  it("a config failing `dnsmasq --test` leaves the running dnsmasq alone and reports dnsmasq's message", async () => {
    const before = await status();
    const { reached } = await applyAndWait(`${conf("bad.kpxe")}dhcp-range=not-a-range\n`, (s) => s.lastError !== null);
    const answer = await probe();

    expect(reached.lastError?.message).toMatch(/^dnsmasq --test rejected the config: bad dhcp-range at line \d+/);
    expect(reached).toMatchObject({ state: "running", dnsmasqPid: before.dnsmasqPid, configHash: before.configHash, servingLastGood: true });
    expect(answer.bootFile).toBe("second.kpxe");
  });

  it("a config failing to start (unknown interface) brings the last good config back", async () => {
    const before = await status();
    const { reached } = await applyAndWait(conf("third.kpxe", "nosuch0"), (s) => /unknown interface/.test(s.lastError?.message ?? "") && s.state === "running");
    const answer = await probe();

    expect(reached.lastError?.message).toBe("dnsmasq exited with code 2: unknown interface nosuch0");
    expect(reached).toMatchObject({ configHash: before.configHash, servingLastGood: true });
    expect(reached.dnsmasqPid).not.toBe(before.dnsmasqPid);
    expect(answer.bootFile).toBe("second.kpxe");
  });

  it("kill -9 of dnsmasq: restarted and answering within 2 s", async () => {
    await applyAndWait(conf("fourth.kpxe"), (s) => s.state === "running" && !s.servingLastGood);
    const before = await status();
    const killedAt = Date.now();
    process.kill(before.dnsmasqPid ?? 0, "SIGKILL");
    const restarted = await waitForStatus(dirs.statusFile, (s) => s.state === "running" && s.dnsmasqPid !== before.dnsmasqPid);
    const answer = await probe();

    expect(answer.bootFile).toBe("fourth.kpxe");
    expect(Date.now() - killedAt).toBeLessThan(2_000);
    expect(restarted.restarts).toBe(before.restarts + 1);
    expect(restarted.lastError?.message).toMatch(/exited unexpectedly \(killed by SIGKILL\)/);
  });

  it("repeated crashes end in `failed` instead of a restart loop", async () => {
    for (let kill = 1; kill < maxFailures; kill += 1) {
      const running = await waitForStatus(dirs.statusFile, (s) => s.state === "running" && s.dnsmasqPid !== null);
      process.kill(running.dnsmasqPid ?? 0, "SIGKILL");
      await waitForStatus(dirs.statusFile, (s) => s.dnsmasqPid !== running.dnsmasqPid);
    }
    const failed = await waitForStatus(dirs.statusFile, (s) => s.state === "failed");
    await sleep(1_500);

    expect(failed.reason).toMatch(new RegExp(`^dnsmasq failed ${maxFailures} times within 60 s`));
    expect(await status()).toMatchObject({ state: "failed", dnsmasqPid: null });
    expect((await processesMentioning(dirs.root)).filter((p) => p.cmdline.includes("dnsmasq"))).toEqual([]);
  });

  it("a new config after `failed` starts dnsmasq again", async () => {
    await applyAndWait(conf("fifth.kpxe"), (s) => s.state === "running");

    expect((await probe()).bootFile).toBe("fifth.kpxe");
  });

  it("SIGTERM to the worker stops dnsmasq and leaves no process behind", async () => {
    const { dnsmasqPid } = await status();
    const children = await descendantsOf(worker.pid);
    expect(children).toContain(dnsmasqPid);
    const stoppedAt = Date.now();
    process.kill(worker.pid, "SIGTERM");
    await worker.stop(); // waits for the exit (SIGKILL only after 3 s, which would fail the timing below)

    expect(Date.now() - stoppedAt).toBeLessThan(3_000);
    // "exit" can come before the last of the pipe has been read.
    await worker.waitForOutput(/\[worker\] stopped/);
    expect(await survivorsAfter(children)).toEqual([]);
    expect(await processesMentioning(dirs.root)).toEqual([]);
    expect(await status()).toMatchObject({ state: "stopped", dnsmasqPid: null });
  });
});

