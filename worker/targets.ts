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
    // dnsmasq's inotify picks up a NEW dhcp-hostsdir file by itself, but only ever adds records:
    // a changed file's old record and a removed file's host stay in effect until SIGHUP
    // (docs/network.md). The worker is the only process that signals dnsmasq (the web app may run
    // in another container); the batch is already debounced, so a burst gives one SIGHUP.
    name: "dnsmasq-hosts",
    matches: (file) => inside(paths.hostsDir, file),
    react: (events) => (events.some((event) => event.type !== "add") ? supervisor.hangup() : undefined),
  },
];
