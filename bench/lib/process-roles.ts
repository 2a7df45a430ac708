import { readFileSync } from "node:fs";
import { memoryOf, processTree } from "./processes";

// Peak RSS per process with a name a reader can place: the web server's cluster primary, each web
// process, the worker, and their helpers (tsx's esbuild service), instead of "node" three times.
export type NamedProcess = { role: string; pid: number; command: string; rssMb: number; peakRssMb: number };
export type ServerKind = "web" | "worker" | "empty app";

// webRole: KTIZO_WEB_ROLE from the process's environment (scripts/web-cluster.ts sets it on each
// web process it forks), when there is one.
type Entry = { pid: number; command: string; webRole?: string };

// Pure: `tree` is the root first, then its descendants (processTree's order).
export const roleNames = ({ kind, tree }: { kind: ServerKind; tree: Entry[] }): string[] => {
  let web = 0;
  let machine = 0;

  return tree.map((entry, index) => {
    if (index === 0) return kind === "web" ? "primary" : kind;
    // A helper a web process started (tsx's esbuild service) inherits its environment, role included.
    if (kind === "web" && entry.command === "node" && entry.webRole === "admin") return "admin web";
    if (kind === "web" && entry.command === "node" && entry.webRole === "machine") return `machine web ${(machine += 1)}`;
    if (kind === "web" && entry.command === "node") return `web ${(web += 1)}`;

    // A helper (tsx's esbuild service, dnsmasq): its parent is not recorded, so only its kind.
    return `${kind === "web" ? "web server" : kind}'s ${entry.command}`;
  });
};

const webRoleOf = (pid: number): string | undefined => /(?:^|\0)KTIZO_WEB_ROLE=(\w+)/.exec(readFileSync(`/proc/${pid}/environ`, "latin1"))?.[1];

export const namedProcesses = ({ kind, root }: { kind: ServerKind; root: number }): NamedProcess[] => {
  const tree = processTree(root).flatMap((pid) => {
    try {
      return [{ pid, ...memoryOf(pid), webRole: webRoleOf(pid) }];
    } catch {
      return []; // exited meanwhile
    }
  });
  const roles = roleNames({ kind, tree });

  return tree.map(({ pid, command, rssMb, peakRssMb }, index) => ({ role: roles[index]!, pid, command, rssMb, peakRssMb }));
};

export const describeMemory = (processes: { role: string; peakRssMb: number }[]): string => processes.map((process) => `${process.role} ${process.peakRssMb} MB`).join(", ");
