import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// scripts/run-all.ts with stand-in children (small node scripts), so the supervision rules are
// checked without building Next or starting dnsmasq.
let dir: string;
const script = (name: string) => `node ${path.join(dir, name)}`;

const fixtures: Record<string, string> = {
  // Runs until SIGTERM/SIGINT, then exits 0 and says so.
  "service.mjs": `process.on("SIGTERM", () => { console.log("service got SIGTERM"); process.exit(0); });
process.on("SIGINT", () => { console.log("service got SIGINT"); process.exit(0); });
console.log("ready"); setInterval(() => {}, 1000);`,
  "crash.mjs": `setTimeout(() => process.exit(3), 1_000);`,
  "stubborn.mjs": `process.on("SIGTERM", () => console.log("stubborn ignores SIGTERM")); console.log("ready"); setInterval(() => {}, 1000);`,
};

type Run = { code: number | null; output: string; ms: number };

// signalWhenReady: SIGTERM the runner once both children printed "ready" (their handlers are set).
const runAll = (web: string, worker: string, { signalWhenReady = false, env = {} }: { signalWhenReady?: boolean; env?: Record<string, string> } = {}) =>
  new Promise<Run>((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/run-all.ts", "--web", web, "--worker", worker], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let signalled = false;
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (signalWhenReady && !signalled && (output.match(/^ready$/gm) ?? []).length === 2) {
        signalled = true;
        child.kill("SIGTERM");
      }
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.once("exit", (code) => resolve({ code, output, ms: Date.now() - started }));
  });

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "ktz-run-all-"));
  await Promise.all(Object.entries(fixtures).map(([name, body]) => writeFile(path.join(dir, name), body)));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("run-all", () => {
  it("when the worker dies, stops the web app and exits non-zero", async () => {
    const run = await runAll(script("service.mjs"), script("crash.mjs"));

    expect(run.code).toBe(3);
    expect(run.output).toMatch(/\[run-all\] worker exited unexpectedly \(code 3\); stopping the rest/);
    expect(run.output).toMatch(/service got SIGTERM/);
    expect(run.output).toMatch(/\[run-all\] web exited \(code 0\)/);
  });

  it("when the web app dies, stops the worker", async () => {
    const run = await runAll(script("crash.mjs"), script("service.mjs"));

    expect(run.code).toBe(3);
    expect(run.output).toMatch(/web exited unexpectedly/);
    expect(run.output).toMatch(/worker exited \(code 0\)/);
  });

  it("forwards SIGTERM to both and exits 0 when they stop cleanly", async () => {
    const run = await runAll(script("service.mjs"), script("service.mjs"), { signalWhenReady: true });

    expect(run.code).toBe(0);
    expect(run.output.match(/service got SIGTERM/g)).toHaveLength(2);
    expect(run.output).toMatch(/received SIGTERM: sending SIGTERM to worker, web/);
  });

  it("SIGKILLs a child that ignores SIGTERM after the stop timeout", async () => {
    const run = await runAll(script("stubborn.mjs"), script("service.mjs"), { signalWhenReady: true, env: { KTIZO_STOP_TIMEOUT_MS: "500" } });

    expect(run.output).toMatch(/stubborn ignores SIGTERM/);
    expect(run.output).toMatch(/web still running after 500 ms: SIGKILL/);
    expect(run.output).toMatch(/web exited \(signal SIGKILL\)/);
    expect(run.ms).toBeLessThan(5_000);
  });

  it("a command that cannot start brings the other down", async () => {
    const run = await runAll("/nonexistent/web-binary", script("service.mjs"));

    expect(run.code).toBe(1);
    expect(run.output).toMatch(/web could not start: spawn \/nonexistent\/web-binary ENOENT/);
    expect(run.output).toMatch(/worker exited \((code 0|signal SIGTERM)\)/);
  });
});
