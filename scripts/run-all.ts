// `npm start` (after scripts/start.sh has migrated and built): runs the web app and the worker as
// one service. Signals are forwarded to both; when either exits, the other is stopped too, so
// there is never half a ktizo running (a web app whose dnsmasq is gone, or the reverse).
//
//   node --import tsx scripts/run-all.ts [--web "<command>"] [--worker "<command>"]
//
// Commands are split on spaces and run without a shell (so signals reach the real process).
// Defaults: KTIZO_WEB_COMMAND / KTIZO_WORKER_COMMAND, else the web server and `npm run worker`'s command.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

const root = path.resolve(import.meta.dirname, "..");
const workerScript = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: { worker: string } }).scripts.worker;
const { values } = parseArgs({ options: { web: { type: "string" }, worker: { type: "string" } } });
const commands = {
  web: values.web ?? process.env.KTIZO_WEB_COMMAND ?? "node --import tsx scripts/web-server.ts",
  worker: values.worker ?? process.env.KTIZO_WORKER_COMMAND ?? workerScript,
};
// Long enough for the worker's own limit (10 s: stop dnsmasq, write the final status).
const stopTimeoutMs = Number(process.env.KTIZO_STOP_TIMEOUT_MS ?? 15_000);

const log = (message: string) => process.stdout.write(`${new Date().toISOString()} info  [run-all] ${message}\n`);

type Name = keyof typeof commands;
const children = new Map<Name, ChildProcess>();
let stopping = false;
let exitCode = 0;

const start = (name: Name) => {
  const [file = "", ...args] = commands[name].split(/\s+/).filter(Boolean);
  // "node" means this very node binary, as npm would resolve it.
  const child = spawn(file === "node" ? process.execPath : file, args, { cwd: root, stdio: "inherit" });
  children.set(name, child);
  log(`${name} started (pid ${child.pid}): ${commands[name]}`);
  child.once("error", (error) => {
    log(`${name} could not start: ${error.message}`);
    children.delete(name);
    exitCode ||= 1;
    stopAll(`${name} could not start`);
  });
  child.once("exit", (code, signal) => {
    children.delete(name);
    const how = signal ? `signal ${signal}` : `code ${code}`;
    if (!stopping) {
      log(`${name} exited unexpectedly (${how}); stopping the rest`);
      exitCode = code || 1;
      stopAll(`${name} exited`);
    } else {
      log(`${name} exited (${how})`);
    }
    if (children.size === 0) process.exit(exitCode);
  });
};

const stopAll = (reason: string, signal: NodeJS.Signals = "SIGTERM") => {
  if (stopping) return;
  stopping = true;
  log(`${reason}: sending ${signal} to ${[...children.keys()].join(", ") || "nothing"}`);
  for (const child of children.values()) child.kill(signal);
  setTimeout(() => {
    for (const [name, child] of children) {
      log(`${name} still running after ${stopTimeoutMs} ms: SIGKILL`);
      child.kill("SIGKILL");
    }
  }, stopTimeoutMs).unref();
  if (children.size === 0) process.exit(exitCode);
};

for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) {
  process.on(signal, () => stopAll(`received ${signal}`, signal === "SIGHUP" ? "SIGTERM" : signal));
}

start("worker");
start("web");
