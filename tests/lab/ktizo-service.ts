import { randomBytes } from "node:crypto";
import { chmod, copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { execa } from "execa";
import { talosDefaults } from "@/lib/domain/talos/cluster-input";
import { paths } from "@/lib/paths";
import type { Background, Lan } from "@/tests/net/netns";

// ktizo as an admin runs it: `npm start` (scripts/start.sh: migrate, build if missing, then the web
// server and the worker under scripts/run-all.ts) inside the lab's server namespace, on its own
// data and compiled folders under `work`.
export const labCache = path.resolve(process.env.KTIZO_LAB_CACHE ?? ".cache/pxe-lab");

// The Talos stand-in (a Debian kernel and a busybox initramfs, docs/testing.md): fetched/built once
// into the cache by scripts/lab/*.sh, which are idempotent.
export const prepareStandIn = async (): Promise<{ kernel: string; initramfs: string }> => {
  await execa("bash", ["scripts/lab/build-initramfs.sh"], { env: { KTIZO_LAB_CACHE: labCache }, timeout: 300_000 });

  return { kernel: path.join(labCache, "kernel", "vmlinuz"), initramfs: path.join(labCache, "initramfs-amd64.xz") };
};

export type KtizoService = { process: Background; env: NodeJS.ProcessEnv; token: string; dirs: ReturnType<typeof paths> };

type StartOptions = { lan: Lan; host: string; work: string; port: number; standIn: { kernel: string; initramfs: string } };

export const startKtizo = async ({ lan, host, work, port, standIn }: StartOptions): Promise<KtizoService> => {
  const root = path.join(work, "ktizo");
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "0.0.0.0",
    DATABASE_URL: `file:${path.join(root, "data", "ktizo.db")}`,
    KTIZO_DATA_DIR: path.join(root, "data"),
    KTIZO_COMPILED_DIR: path.join(root, "compiled"),
    KTIZO_SECRET_KEY: randomBytes(32).toString("hex"),
    // A headless install (README "Configuration"): the admin and an API token from the environment.
    KTIZO_ADMIN_USER: "lab-admin",
    KTIZO_ADMIN_PASSWORD: randomBytes(16).toString("hex"),
    KTIZO_API_TOKEN: randomBytes(24).toString("hex"),
    // The lab never reaches the internet: assets come from the local folder only.
    KTIZO_FACTORY_URL: "http://127.0.0.1:9",
  };
  const dirs = paths({ ...env, KTIZO_ROOT: process.cwd() });
  // The Talos asset folder for the version the cluster will use (served by /api/v1/assets/talos).
  const assets = path.join(dirs.assetsDir, talosDefaults.talosVersion);
  await mkdir(assets, { recursive: true });
  await copyFile(standIn.kernel, path.join(assets, "vmlinuz-amd64"));
  await copyFile(standIn.initramfs, path.join(assets, "initramfs-amd64.xz"));
  // dnsmasq drops to `nobody` and serves TFTP from below `work` (mkdtemp makes it 0700).
  await chmod(work, 0o755);
  const service = lan.background(host, ["bash", "scripts/start.sh"], { env });

  return { process: service, env, token: env.KTIZO_API_TOKEN ?? "", dirs };
};

export const waitFor = async <T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs: number): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(500);
  }
};
