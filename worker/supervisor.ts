import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { writeFileAtomic } from "@/lib/compile/write-file-atomic";
import type { WorkerError } from "@/lib/schemas/worker-status";
import type { WorkerConfig } from "@/worker/config";
import { deniedReservationsMessage, type Failure } from "@/worker/dnsmasq/classify-failure";
import { closedLevelFor } from "@/worker/dnsmasq/closed-directory";
import { startDnsmasq, type DnsmasqProcess, type ExitInfo } from "@/worker/dnsmasq/start-dnsmasq";
import { testConfig } from "@/worker/dnsmasq/test-config";
import { createFailureTracker } from "@/worker/failure-tracker";
import type { Logger } from "@/worker/logger";
import type { StatusPublisher } from "@/worker/status-publisher";

export type Supervisor = {
  // Read the rendered config; if it is new, test it and restart dnsmasq on it (or keep/restore the last good one).
  applyConfig: (trigger: string) => Promise<void>;
  // Re-read hosts files (dnsmasq only notices *new or changed* files in dhcp-hostsdir by itself).
  hangup: () => void;
  stop: () => Promise<void>;
};

export type SupervisorOptions = { config: WorkerConfig; status: StatusPublisher; log: Logger; dnsmasqLog: Logger };

type Running = { proc: DnsmasqProcess; hash: string; servingLastGood: boolean };

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const now = () => new Date().toISOString();
const readText = (file: string) => readFile(file, "utf8").catch(() => null);

export const createSupervisor = ({ config, status, log, dnsmasqLog }: SupervisorOptions): Supervisor => {
  const { paths } = config;
  const failures = createFailureTracker(config.backoff);
  let current: Running | undefined;
  let stopping = false;
  let restartTimer: NodeJS.Timeout | undefined;
  let queue: Promise<void> = Promise.resolve();

  // Applies, restarts and the shutdown run one at a time: two dnsmasq can never be started at once.
  const serial = (task: () => Promise<void>): Promise<void> => {
    queue = queue.then(task).catch((error: unknown) => log.error("supervisor task failed", error));

    return queue;
  };

  const recordError = (message: string, configHash: string | null): WorkerError => {
    const lastError = { at: now(), message, configHash };
    status.update({ lastError });

    return lastError;
  };

  const stopCurrent = async (reason = "stopping dnsmasq to restart it") => {
    const running = current;
    if (!running) return;
    current = undefined;
    status.update({ state: "starting", reason, dnsmasqPid: null });
    const info = await running.proc.stop(config.stopTimeoutMs);
    log.info(`dnsmasq ${running.proc.pid} stopped (${info.signal ?? `exit ${info.exitCode}`})`);
  };

  // dnsmasq keeps running without the reservation files it may not read: the error goes to the
  // status (and the dashboard) with the directory in the way, though the state stays "running".
  const reportDeniedReservations = async (line: string, dir: string, configHash: string) => {
    // ktizo's own reservations directory only: a line naming any other came from somewhere else.
    if (dir !== paths.hostsDir) return log.warn(`ignored a denied-directory line for ${dir}, not ${paths.hostsDir}`);
    const message = deniedReservationsMessage(line, await closedLevelFor(dir));
    log.error(message);
    recordError(message, configHash);
  };

  // Starts dnsmasq on confFile (whose text is `content`); a config that started becomes the last good one.
  const run = async (confFile: string, content: string, servingLastGood: boolean): Promise<Failure | null> => {
    const hash = sha256(content);
    status.update({ state: "starting", reason: `starting dnsmasq with config ${hash.slice(0, 12)}` });
    const result = await startDnsmasq({
      binary: config.dnsmasq, confFile, pidFile: paths.dnsmasqPidFile, startTimeoutMs: config.startTimeoutMs, log: dnsmasqLog,
      // After the start in progress has published "running", so the error reads as newer than the reload.
      onDeniedReservations: (line, dir) => void serial(() => reportDeniedReservations(line, dir, hash)),
    });
    if (!result.ok) return result.failure;
    if (confFile !== paths.dnsmasqLastGoodConf) await writeFileAtomic(paths.dnsmasqLastGoodConf, content);
    const running: Running = { proc: result.process, hash, servingLastGood };
    current = running;
    void running.proc.exited.then((info) => onExit(running, info));
    const reason = servingLastGood ? "serving the last good config: the newest config was rejected (see lastError)" : null;
    status.update({ state: "running", reason, dnsmasqPid: running.proc.pid, configHash: hash, servingLastGood, lastReloadAt: now() });
    log.info(`dnsmasq ${running.proc.pid} running with config ${hash.slice(0, 12)}${servingLastGood ? " (last good)" : ""}`);

    return null;
  };

  const onExit = (running: Running, info: ExitInfo) => {
    if (current !== running || stopping) return;
    current = undefined;
    const how = info.signal ? `killed by ${info.signal}` : `exit code ${info.exitCode}`;
    // Its last line says why only when it exited on its own; after a kill it is just a log line.
    const said = info.signal ? "" : (info.output.at(-1) ?? "");
    const message = `dnsmasq ${running.proc.pid} exited unexpectedly (${how})${said ? `: ${said}` : ""}`;
    log.warn(message);
    // One update: the file must never say "running" without a dnsmasq.
    status.update({ state: "starting", reason: message, dnsmasqPid: null, lastError: { at: now(), message, configHash: running.hash } });
    scheduleRestart(message, paths.dnsmasqLastGoodConf, running.servingLastGood);
  };

  const scheduleRestart = (cause: string, confFile: string, servingLastGood: boolean) => {
    const verdict = failures.record(Date.now());
    if (verdict.giveUp) {
      const reason = `dnsmasq failed ${verdict.count} times within ${config.backoff.windowMs / 1000} s; not restarting until a new config is applied (last: ${cause})`;
      log.error(reason);
      status.update({ state: "failed", reason, dnsmasqPid: null });

      return;
    }
    status.update({ state: "starting", reason: `restarting dnsmasq in ${verdict.delayMs} ms after a failure` });
    clearTimeout(restartTimer);
    restartTimer = setTimeout(() => void serial(() => restartFrom(confFile, servingLastGood)), verdict.delayMs);
  };

  // After a crash the last good file holds the config the crashed dnsmasq was started with.
  const restartFrom = async (confFile: string, servingLastGood: boolean) => {
    if (stopping || current) return;
    const content = await readText(confFile);
    if (content === null) return status.update({ state: "failed", reason: `nothing to restart dnsmasq with: ${confFile} is gone` });
    status.update({ restarts: status.current().restarts + 1 });
    const failure = await run(confFile, content, servingLastGood);
    if (failure) settleFailure(failure, content, confFile, servingLastGood);
  };

  const settleFailure = (failure: Failure, content: string, confFile: string, servingLastGood: boolean) => {
    log.error(failure.message);
    recordError(failure.message, sha256(content));
    if (failure.kind === "unavailable") status.update({ state: "unavailable", reason: failure.message, dnsmasqPid: null });
    else scheduleRestart(failure.message, confFile, servingLastGood);
  };

  // `retryable`: the config passed --test but did not start. That can pass (an interface that comes
  // up late at boot), so with nothing else to run it is retried with backoff; a syntax error is not.
  const fallBackToLastGood = async (rejectedHash: string, rejection: string, retryable: boolean) => {
    const content = await readText(paths.dnsmasqLastGoodConf);
    if (content === null || sha256(content) === rejectedHash) {
      if (retryable) return scheduleRestart(rejection, paths.dnsmasqCandidateConf, false);

      return status.update({ state: "failed", reason: `config rejected and there is no earlier good config: ${rejection}`, dnsmasqPid: null });
    }
    log.warn(`falling back to the last good config ${sha256(content).slice(0, 12)}`);
    const failure = await run(paths.dnsmasqLastGoodConf, content, true);
    if (failure) settleFailure(failure, content, paths.dnsmasqLastGoodConf, true);
  };

  const apply = async (trigger: string) => {
    if (stopping) return;
    clearTimeout(restartTimer);
    const content = await readText(paths.dnsmasqConf);
    if (content === null) return noConfig();
    const hash = sha256(content);
    if (current?.hash === hash) {
      if (current.servingLastGood) status.update({ servingLastGood: false, reason: null });
      current.servingLastGood = false;

      return log.info(`${trigger}: config ${hash.slice(0, 12)} is already running`);
    }
    log.info(`${trigger}: testing config ${hash.slice(0, 12)}`);
    // A new config from the admin deserves fresh attempts, even after "failed".
    failures.reset();
    await writeFileAtomic(paths.dnsmasqCandidateConf, content);
    const test = await testConfig({ binary: config.dnsmasq, confFile: paths.dnsmasqCandidateConf, timeoutMs: config.testTimeoutMs });
    if (!test.ok) return rejectUntested(test.failure, hash);
    await stopCurrent();
    const failure = await run(paths.dnsmasqCandidateConf, content, false);
    if (!failure) return;
    log.error(`config ${hash.slice(0, 12)} failed to start: ${failure.message}`);
    if (failure.kind === "unavailable") {
      recordError(failure.message, hash);

      return status.update({ state: "unavailable", reason: failure.message });
    }
    // The refusal is published once the last good config runs again (or could not). Published
    // before, a reader in between saw "refused" with no dnsmasq running while the previous config
    // was about to come back, and told the admin dnsmasq was not running (e2e/apply-refused.spec.ts).
    await fallBackToLastGood(hash, failure.message, true);
    recordError(failure.message, hash);
  };

  // A config failing `--test` never stops the running dnsmasq: DHCP keeps being served as it was.
  const rejectUntested = async (failure: Failure, hash: string) => {
    log.error(`config ${hash.slice(0, 12)} rejected: ${failure.message}`);
    const lastError = { at: now(), message: failure.message, configHash: hash };
    if (current) {
      current.servingLastGood = true;
      status.update({ lastError, servingLastGood: true, reason: "serving the last good config: the newest config was rejected (see lastError)" });

      return;
    }
    status.update({ lastError });
    if (failure.kind === "unavailable") return status.update({ state: "unavailable", reason: failure.message });
    await fallBackToLastGood(hash, failure.message, false);
  };

  const noConfig = async () => {
    if (current) return log.warn(`${paths.dnsmasqConf} is gone; dnsmasq keeps running with the config it has`);
    // Report a missing binary now rather than when the first config arrives.
    const probe = await testConfig({ binary: config.dnsmasq, confFile: "/dev/null", timeoutMs: config.testTimeoutMs });
    if (!probe.ok && probe.failure.kind === "unavailable") {
      log.error(probe.failure.message);

      return status.update({ state: "unavailable", reason: probe.failure.message });
    }
    log.info(`waiting for ${paths.dnsmasqConf}`);
    status.update({ state: "waiting-for-config", reason: `no ${paths.dnsmasqConf} yet: save and apply the network settings` });
  };

  return {
    applyConfig: (trigger) => serial(() => apply(trigger)),
    hangup: () => {
      if (!current) return;
      log.info(`SIGHUP to dnsmasq ${current.proc.pid}: hosts files changed`);
      try {
        process.kill(current.proc.pid, "SIGHUP");
      } catch (error) {
        log.warn(`SIGHUP failed: ${String(error)}`);
      }
    },
    stop: async () => {
      stopping = true;
      clearTimeout(restartTimer);
      await stopCurrent("worker stopping");
      await queue;
      // A start that was already under way when stop() came in.
      await stopCurrent("worker stopping");
    },
  };
};
