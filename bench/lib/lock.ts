import { spawn, type ChildProcess } from "node:child_process";

// The shared lock for `.next/` (BRIEF): a `flock` child holds it until we close its stdin, so the
// whole bench run (build + servers) sees one consistent production build.
export type HeldLock = { release: () => void };

export const acquireLock = (file = "/tmp/ktizo-next.lock"): Promise<HeldLock> =>
  new Promise((resolve, reject) => {
    const child: ChildProcess = spawn("flock", [file, "-c", "echo locked; cat >/dev/null"], { stdio: ["pipe", "pipe", "inherit"] });
    child.once("error", reject);
    child.stdout?.once("data", () => resolve({ release: () => child.stdin?.end() }));
    child.once("exit", (code) => reject(new Error(`flock exited early (${code})`)));
  });
