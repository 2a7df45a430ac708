import { execFileSync, spawnSync } from "node:child_process";
import { createHash, randomInt } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp } from "@/bench/lib/app-server";
import { acquireLock, type HeldLock } from "@/bench/lib/lock";
import type { Started } from "@/bench/lib/processes";
import { prisma } from "@/lib/db/client";
import { paths } from "@/lib/paths";
import { createAdminToken } from "@/tests/helpers/admin";

// kill -9 of the production web process in the middle of applies: compiled/ must hold the complete
// old or the complete new files (never a partial one, never a temp file dnsmasq would read), and the
// SQLite database must pass integrity_check. Several rounds, each killed at a random moment
// inside an apply (after at least one complete apply in that round).
const repo = path.resolve(import.meta.dirname, "../..");
const rounds = 6;
const settingsA = { leaseTime: "12h", dhcpRangeEnd: "10.77.0.199" };
const settingsB = { leaseTime: "6h", dhcpRangeEnd: "10.77.0.150" };
const serverEnv = () => ({
  NODE_ENV: "production",
  DATABASE_URL: process.env.DATABASE_URL!,
  KTIZO_DATA_DIR: process.env.KTIZO_DATA_DIR!,
  KTIZO_COMPILED_DIR: process.env.KTIZO_COMPILED_DIR!,
  KTIZO_SECRET_KEY: process.env.KTIZO_SECRET_KEY!,
});

let lock: HeldLock | null = null;
let app: Started | null = null;
let token = "";
let settingsId = "";

const call = async (method: string, url: string, body?: unknown) =>
  fetch(`${app!.url}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

// Saves and applies; returns what went wrong (a non-200 answer), or null. A lost connection rejects.
const tryApply = async (changes: object): Promise<string | null> => {
  const saved = await call("PUT", `/api/v1/network/settings/${settingsId}`, changes);
  if (saved.status !== 200) return `PUT settings → ${saved.status} ${await saved.text()}`;
  const applied = await call("POST", "/api/v1/network/settings/apply", {});
  if (applied.status !== 200) return `POST apply → ${applied.status} ${await applied.text()}`;

  return null;
};

const applyWith = async (changes: object) => {
  expect(await tryApply(changes)).toBeNull();
};

// Applies back to back, alternating B and A, until the server is killed; `onApplied` gets each
// completed apply's duration. Only a lost connection after `killed()` turned true ends the loop
// quietly; a wrong answer, or a lost connection while the server should be up, is reported (never
// swallowed as "the kill landed").
type LoopOptions = { killed: () => boolean; onApplied: (ms: number) => void };
const applyUntilKilled = async ({ killed, onApplied }: LoopOptions): Promise<{ completed: number; problems: string[] }> => {
  const problems: string[] = [];
  let completed = 0;
  for (let index = 0; !killed(); index += 1) {
    const started = Date.now();
    try {
      const problem = await tryApply(index % 2 === 0 ? settingsB : settingsA);
      if (problem) {
        problems.push(`apply ${index}: ${problem}`);
        break;
      }
      completed += 1;
      onApplied(Date.now() - started);
    } catch (error) {
      if (!killed()) problems.push(`apply ${index} lost its connection before the kill: ${String(error)}`);
      break;
    }
  }

  return { completed, problems };
};

// Every file under compiled/, by path relative to it, with its bytes' hash.
const tree = (dir = paths().compiledDir, base = dir): Map<string, string> => {
  const files = new Map<string, string>();
  for (const name of existsSync(dir) ? readdirSync(dir) : []) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) for (const [key, value] of tree(full, base)) files.set(key, value);
    else files.set(path.relative(base, full), createHash("sha256").update(readFileSync(full)).digest("hex"));
  }

  return files;
};

const isTemp = (file: string) => path.basename(file).startsWith(".");

// The files dnsmasq itself reads from a dhcp-hostsdir (its "read <file>" log lines), DHCP on
// loopback only with an alternate port, for a moment.
const hostsDirReads = (dir: string): string[] => {
  const port = randomInt(20_000, 60_000);
  const result = spawnSync(
    "timeout",
    ["2", "dnsmasq", "-d", "--conf-file=/dev/null", "--port=0", "--dhcp-range=127.0.0.0,static", "--interface=lo", "--bind-interfaces", `--dhcp-alternate-port=${port},${port + 1}`, `--dhcp-hostsdir=${dir}`, "--log-facility=-", "--pid-file=", "--user=root"],
    { encoding: "utf8" },
  );

  return [...`${result.stdout}${result.stderr}`.matchAll(/ read (\S+)/g)].map((match) => match[1]!);
};

beforeAll(async () => {
  // One production build for the whole test; the lock keeps others from rebuilding .next under it.
  lock = await acquireLock();
  if (!existsSync(path.join(repo, ".next/BUILD_ID"))) execFileSync("npx", ["next", "build"], { cwd: repo, stdio: "ignore" });
  token = await createAdminToken("crash");
  await prisma.device.createMany({
    data: Array.from({ length: 20 }, (_, index) => ({ mac: `52:54:00:77:00:${index.toString(16).padStart(2, "0")}`, status: "approved", role: "worker", ipAddress: `10.77.0.${20 + index}`, hostname: `crash-${index}` })),
  });
  app = await startApp(serverEnv());
  const created = await call("POST", "/api/v1/network/settings", {
    interface: "eth0", serverIp: "10.77.0.2", httpBaseUrl: "http://10.77.0.2:3100", dhcpRangeStart: "10.77.0.100", netmask: "255.255.255.0", gateway: "10.77.0.1", ...settingsA,
  });
  expect(created.status).toBe(201);
  settingsId = ((await created.json()) as { id: string }).id;
}, 900_000);

afterAll(async () => {
  if (app?.child.exitCode === null) app.child.kill("SIGKILL");
  lock?.release();
});

describe("kill -9 during apply", () => {
  it("leaves complete old or new files and a consistent database", async () => {
    // The two complete states, rendered by the running server.
    await applyWith(settingsB);
    const stateB = tree();
    await applyWith(settingsA);
    const stateA = tree();
    const confA = readFileSync(paths().dnsmasqConf, "utf8");
    expect(stateA.get("dnsmasq/dnsmasq.conf")).not.toBe(stateB.get("dnsmasq/dnsmasq.conf"));
    const complete = (file: string) => new Set([stateA.get(file), stateB.get(file)]);

    let completedApplies = 0;
    for (let round = 0; round < rounds; round += 1) {
      // Applies run back to back; once one has completed (so the loop is in its steady state), the
      // kill lands at a random moment within about one apply's duration: inside the next apply.
      let killed = false;
      let applied: (ms: number) => void = () => undefined;
      const firstApply = new Promise<number>((resolve) => (applied = resolve));
      const loop = applyUntilKilled({ killed: () => killed, onApplied: (ms) => applied(ms) });
      const first = await Promise.race([firstApply, loop]);
      if (typeof first !== "number") throw new Error(`round ${round}: the loop ended before any apply: ${first.problems.join("; ")}`);
      await sleep(randomInt(0, Math.max(2, first)));
      killed = true;
      app!.child.kill("SIGKILL");
      await new Promise((resolve) => (app!.child.exitCode !== null || app!.child.signalCode !== null ? resolve(null) : app!.child.once("exit", resolve)));
      const { completed, problems } = await loop;
      expect(problems, `round ${round}`).toEqual([]);
      expect(completed, `round ${round}: applies completed before the kill`).toBeGreaterThanOrEqual(1);
      completedApplies += completed;

      const now = tree();
      for (const [file, hash] of now) {
        if (isTemp(file)) continue;
        expect(complete(file).has(hash), `round ${round}: ${file} is neither the old nor the new complete file`).toBe(true);
      }
      for (const file of stateA.keys()) expect(now.has(file), `round ${round}: ${file} missing`).toBe(true);
      // A leftover temp file is a dotfile: dnsmasq skips dotfiles in dhcp-hostsdir, and nothing names it.
      const conf = readFileSync(paths().dnsmasqConf, "utf8");
      execFileSync("dnsmasq", ["--test", `--conf-file=${paths().dnsmasqConf}`], { stdio: "pipe" });
      expect(conf.length).toBeGreaterThan(confA.length / 2);

      const db = new Database(process.env.DATABASE_URL!.replace(/^file:/, ""));
      try {
        expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
        expect(db.pragma("foreign_key_check")).toEqual([]);
        const row = db.prepare("SELECT leaseTime, dhcpRangeEnd FROM NetworkSettings").get() as { leaseTime: string; dhcpRangeEnd: string };
        expect([settingsA, settingsB].some((settings) => settings.leaseTime === row.leaseTime && settings.dhcpRangeEnd === row.dhcpRangeEnd)).toBe(true);
      } finally {
        db.close();
      }
      app = await startApp(serverEnv());
    }
    // After all the crashes the server still applies normally.
    await applyWith(settingsA);
    expect(readFileSync(paths().dnsmasqConf, "utf8")).toBe(confA);
    const temps = [...tree().keys()].filter(isTemp);
    console.log(`[crash-safety] ${rounds} kills; ${completedApplies} applies completed between them; temp files left behind (dotfiles): ${temps.length}`);
    // dnsmasq reads every file of dhcp-hostsdir except dotfiles: a planted temp file is not read.
    writeFileSync(path.join(paths().hostsDir, ".planted.tmp"), "52:54:00:77:ff:ff,10.77.0.250,planted\n");
    const read = hostsDirReads(paths().hostsDir);
    expect(read.length).toBeGreaterThan(0);
    expect(read.filter((file) => path.basename(file).startsWith("."))).toEqual([]);
  }, 600_000);
});
