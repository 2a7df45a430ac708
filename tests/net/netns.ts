import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomInt } from "node:crypto";
import { execa, type Result } from "execa";

// Throwaway L2 segments for tests that need real DHCP/TFTP/HTTP traffic (TOOLCHAIN.md §6).
// Topology: one "switch" namespace holding a bridge; every host is its own namespace with one
// veth ("lan0") plugged into that bridge. Names carry a random suffix and the subnet is a random
// 10.x.y.0/24, because other engineers run their own namespaces on the same machine at the same time.
// Nothing here touches the root namespace's interfaces: veths are created directly inside the
// namespaces, so a crashed test can leak only namespaces named ktz-*-<suffix>.

// Tests needing root skip only outside CI; under CI=true they must run (and fail loudly without root).
export const netTestsEnabled = (): boolean => process.getuid?.() === 0 || process.env.CI === "true";

export type LanHost = { name: string; ns: string; iface: string; mac: string; ip: string | null };

export type Background = {
  pid: number;
  output: () => string;
  waitForOutput: (pattern: RegExp, timeoutMs?: number) => Promise<void>;
  stop: () => Promise<void>;
};

export type Lan = {
  suffix: string;
  prefix: string; // "10.a.b": host n is `${prefix}.${n}`
  netmask: "255.255.255.0";
  hosts: Record<string, LanHost>;
  host: (name: string) => LanHost;
  run: (host: string, argv: string[], options?: { input?: string; timeoutMs?: number }) => Promise<Result>;
  background: (host: string, argv: string[], options?: { env?: NodeJS.ProcessEnv }) => Background;
  destroy: () => Promise<void>;
};

export type HostSpec = { name: string; hostPart?: number; mac?: string };

const ip = (argv: string[]) => execa("ip", argv);

export const randomMac = (): string =>
  ["02", ...Array.from(randomBytes(5), (byte) => byte.toString(16).padStart(2, "0"))].join(":");

// Hosts with a hostPart get a static address; the others stay unaddressed (DHCP clients).
export const createLan = async (specs: HostSpec[]): Promise<Lan> => {
  const suffix = randomBytes(3).toString("hex");
  const prefix = `10.${randomInt(64, 250)}.${randomInt(1, 250)}`;
  const switchNs = `ktz-sw-${suffix}`;
  const hosts: Record<string, LanHost> = {};
  const children = new Set<ChildProcess>();
  const created: string[] = [];

  const destroy = async () => {
    for (const child of children) {
      if (child.exitCode !== null || child.signalCode !== null || !child.pid) continue;
      try {
        process.kill(child.pid, "SIGKILL");
      } catch {
        // Exited between the check and the kill.
      }
    }
    await Promise.all(created.map((ns) => ip(["netns", "del", ns]).catch(() => undefined)));
  };

  try {
    await ip(["netns", "add", switchNs]);
    created.push(switchNs);
    await ip(["-n", switchNs, "link", "add", "br0", "type", "bridge"]);
    await ip(["-n", switchNs, "link", "set", "br0", "up"]);
    for (const [index, spec] of specs.entries()) {
      const ns = `ktz-${spec.name.slice(0, 6)}-${suffix}`;
      const mac = spec.mac ?? randomMac();
      await ip(["netns", "add", ns]);
      created.push(ns);
      const port = `p${index}`;
      await ip(["-n", ns, "link", "add", "lan0", "address", mac, "type", "veth", "peer", "name", port, "netns", switchNs]);
      await ip(["-n", switchNs, "link", "set", port, "master", "br0", "up"]);
      await ip(["-n", ns, "link", "set", "lo", "up"]);
      await ip(["-n", ns, "link", "set", "lan0", "up"]);
      const address = spec.hostPart === undefined ? null : `${prefix}.${spec.hostPart}`;
      if (address) await ip(["-n", ns, "addr", "add", `${address}/24`, "dev", "lan0"]);
      hosts[spec.name] = { name: spec.name, ns, iface: "lan0", mac, ip: address };
    }
  } catch (error) {
    await destroy();
    throw error;
  }

  const host = (name: string): LanHost => {
    const found = hosts[name];
    if (!found) throw new Error(`no host ${name} on this lan`);

    return found;
  };

  return {
    suffix,
    prefix,
    netmask: "255.255.255.0",
    hosts,
    host,
    run: (name, argv, options = {}) =>
      execa("ip", ["netns", "exec", host(name).ns, ...argv], {
        input: options.input,
        timeout: options.timeoutMs ?? 30_000,
        reject: false,
      }),
    background: (name, argv, options = {}) => {
      const child = spawn("ip", ["netns", "exec", host(name).ns, ...argv], {
        env: { ...process.env, ...options.env },
        stdio: ["ignore", "pipe", "pipe"],
      });
      children.add(child);

      return backgroundOf(child);
    },
    destroy,
  };
};

// Also for a process in the test's own namespace (spawned by the caller, stopped by it).
export const backgroundOf = (child: ChildProcess): Background => {
  let log = "";
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer) => {
    log += chunk.toString("utf8");
    for (const listener of listeners) listener();
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  return {
    pid: child.pid ?? -1,
    output: () => log,
    waitForOutput: (pattern, timeoutMs = 10_000) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (pattern.test(log)) {
            cleanup();
            resolve();
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`timed out waiting for ${pattern} in output:\n${log}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        child.once("exit", () => {
          if (!pattern.test(log)) {
            cleanup();
            reject(new Error(`process exited (${child.exitCode}) before ${pattern}:\n${log}`));
          }
        });
        check();
      }),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 3_000);
      await exited;
      clearTimeout(timer);
    },
  };
};
