import path from "node:path";
import type { Paths } from "@/lib/paths";
import type { WatchEvent } from "@/lib/schemas/worker-event";
import type { Supervisor } from "@/worker/supervisor";

// What the worker watches and what each change means (a table, not if/else).
export type Target = {
  name: string;
  matches: (file: string) => boolean;
  react: (events: WatchEvent[]) => Promise<void> | void;
};

export type TargetsOptions = { paths: Paths; supervisor: Pick<Supervisor, "applyConfig" | "hangup"> };

const inside = (dir: string, file: string) => {
  const relative = path.relative(dir, file);

  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
};

export const createTargets = ({ paths, supervisor }: TargetsOptions): Target[] => [
  {
    // SIGHUP does not re-read the main config (https://thekelleys.org.uk/dnsmasq/docs/dnsmasq-man.html, SIGHUP): test it, then restart dnsmasq.
    name: "dnsmasq-config",
    matches: (file) => file === paths.dnsmasqConf,
    react: () => supervisor.applyConfig("config changed"),
  },
  {
    // dhcp-hostsdir files are picked up by dnsmasq's inotify when added or changed; a removed
    // file's host stays in effect until SIGHUP, so only removals need a signal.
    name: "dnsmasq-hosts",
    matches: (file) => inside(paths.hostsDir, file),
    react: (events) => (events.some((event) => event.type === "unlink") ? supervisor.hangup() : undefined),
  },
];
