import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// `npm start` (scripts/start.sh) with a bad setting exits non-zero within seconds naming the
// variable, before it migrates, builds or listens: no database file is created.
const repo = path.resolve(import.meta.dirname, "..");
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "ktizo-start-check-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

type Run = { code: number | null; stderr: string; ms: number };

const start = (env: Record<string, string>) =>
  new Promise<Run>((resolve, reject) => {
    const started = Date.now();
    const child = spawn("bash", ["scripts/start.sh"], {
      cwd: repo,
      env: { ...process.env, DATABASE_URL: `file:${path.join(dir, "ktizo.db")}`, KTIZO_DATA_DIR: path.join(dir, "data"), KTIZO_COMPILED_DIR: path.join(dir, "compiled"), PORT: "3229", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    // A start that got past the check would migrate and listen: stop it and fail the test.
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.once("error", reject);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, ms: Date.now() - started });
    });
  });

describe("npm start checks every setting first", () => {
  it.each([
    ["KTIZO_SECRET_KEY", { KTIZO_SECRET_KEY: "0f".repeat(31) }],
    ["KTIZO_SECRET_KEY", { KTIZO_SECRET_KEY: "not base64 at all, and not hex either!!!!!!=" }],
    ["KTIZO_TRUSTED_PROXIES", { KTIZO_TRUSTED_PROXIES: "10.0.0.0/8, proxy.example" }],
    ["KTIZO_WORKER_MAX_FAILURES", { KTIZO_WORKER_MAX_FAILURES: "zero" }],
    ["PORT", { PORT: "http" }],
    ["KTIZO_WEB_PROCESSES", { KTIZO_WEB_PROCESSES: "0" }],
    ["KTIZO_WEB_PROCESSES", { KTIZO_WEB_PROCESSES: "two" }],
    ["KTIZO_WEB_PROCESSES", { KTIZO_WEB_PROCESSES: "1.5" }],
  ])("a bad %s exits non-zero within seconds, naming it, before anything is created", async (name, env) => {
    const run = await start(env);
    expect(run.code, run.stderr).toBe(2);
    expect(run.ms).toBeLessThan(10_000);
    expect(run.stderr).toContain(`invalid setting ${name}`);
    expect(existsSync(path.join(dir, "ktizo.db"))).toBe(false);
  });
});

describe("npm start warns when dnsmasq's user cannot reach the TFTP root", () => {
  const checkEnv = (compiledDir: string) =>
    new Promise<Run>((resolve, reject) => {
      const started = Date.now();
      const child = spawn(process.execPath, ["--import", "tsx", "scripts/check-env.ts"], {
        cwd: repo,
        env: { ...process.env, DATABASE_URL: `file:${path.join(dir, "ktizo.db")}`, KTIZO_DATA_DIR: path.join(dir, "data"), KTIZO_COMPILED_DIR: compiledDir },
        stdio: ["ignore", "ignore", "pipe"],
      });
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.once("error", reject);
      child.once("exit", (code) => resolve({ code, stderr, ms: Date.now() - started }));
    });

  it("names the directory in the way and goes on; says nothing once it is open", async () => {
    // mkdtemp made `dir` 0700, as /root is; the compiled directory does not exist yet.
    const compiled = path.join(dir, "compiled");
    const closed = await checkEnv(compiled);

    expect(closed.code, closed.stderr).toBe(0);
    expect(closed.stderr).toContain(`ktizo: warning: dnsmasq runs as user nobody, which cannot enter ${dir} (mode 0700) on the way to its TFTP root ${compiled}/tftp`);
    await chmod(dir, 0o755);
    const open = await checkEnv(compiled);

    expect(open.code, open.stderr).toBe(0);
    expect(open.stderr).not.toContain("warning");
  });
});
