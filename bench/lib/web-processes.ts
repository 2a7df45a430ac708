import { readFileSync } from "node:fs";
import path from "node:path";

// KTIZO_WEB_PROCESSES (several web processes sharing the port) is supported when the web app's
// environment parser accepts it (lib/env.ts names every variable it reads). The bench never
// implements it: it passes the variable through and reports what the server did with it.
const repo = path.resolve(import.meta.dirname, "../..");

export const webProcessesSupported = (): boolean => readFileSync(path.join(repo, "lib/env.ts"), "utf8").includes("KTIZO_WEB_PROCESSES");

// Which settings of the variable to measure: the one given to the bench, else 1 and 2 when
// supported, else the server's default (the variable unset).
export const webProcessVariants = (): (string | null)[] => {
  const given = process.env.KTIZO_WEB_PROCESSES;
  if (given) return [given];

  return webProcessesSupported() ? ["1", "2"] : [null];
};

export const webProcessEnv = (variant: string | null): Record<string, string> => (variant ? { KTIZO_WEB_PROCESSES: variant } : {});
