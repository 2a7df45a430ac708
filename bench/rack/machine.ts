import { macToHyphen } from "@/lib/domain/mac";
import type { Reply, Stats } from "./http";

// One simulated machine doing what iPXE and then Talos do (templates/ipxe/*.liquid): fetch
// /boot.ipxe, chain to the per-device script, poll at the script's `sleep` while pending, load the
// kernel and initramfs the Talos script names, download the config named by talos.config=, then
// reboot, which must get the script that exits to the local disk. Every URL comes from the
// scripts (ktizo's configured base URL, pointed at the bench server); iPXE variables are filled in.
export type MachineRecord = {
  mac: string;
  poweredOnAt: number;
  registeredAt?: number;
  talosScriptAt?: number;
  downloadedAt?: number;
  provisionedAt?: number;
  downloads: number;
  errors: string[];
};

type Get = (pathAndQuery: string, options?: { keepBody?: boolean }) => Promise<Reply>;
export type MachineContext = { get: Get; stats: Stats; assetBytes: number; deadline: number; pollSeconds: number; onRegistered: (mac: string) => void };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const localPath = (url: string): string => {
  const parsed = new URL(url);

  return `${parsed.pathname}${parsed.search}`;
};

const fill = (url: string, record: MachineRecord, index: number): string =>
  url
    .replaceAll("${mac:hexhyp}", macToHyphen(record.mac))
    .replaceAll("${uuid}", `00000000-0000-4000-8000-${index.toString(16).padStart(12, "0")}`)
    .replaceAll("${serial:uristring}", `RACK${index.toString().padStart(6, "0")}`)
    .replaceAll("${buildarch}", "x86_64");

const match = (body: string, pattern: RegExp): string | undefined => pattern.exec(body)?.[1];

export const runMachine = async (context: MachineContext, record: MachineRecord, index: number): Promise<void> => {
  const { get, stats, deadline } = context;
  const fetchAs = async (route: string, url: string, keepBody = true): Promise<Reply> => {
    const reply = await get(url, { keepBody });
    stats.record(route, reply);
    if (reply.status !== 200) record.errors.push(`${route} ${reply.status} ${reply.body.slice(0, 160)}`);

    return reply;
  };
  // The power-on and every reboot start at the fixed entry script.
  while (Date.now() < deadline) {
    const entry = await fetchAs("/boot.ipxe", "/boot.ipxe");
    const chain = entry.status === 200 ? match(entry.body, /^chain --autofree (\S+)/m) : undefined;
    if (!chain) {
      if (entry.status === 200) record.errors.push(`/boot.ipxe without a chain line: ${entry.body.slice(0, 160)}`);
      await sleep(10_000);
      continue;
    }
    let script = localPath(fill(chain, record, index));
    for (;;) {
      if (Date.now() >= deadline) return;
      const reply = await get(script);
      const body = reply.body;
      const kind = reply.status !== 200 ? "error" : body.includes("waiting for approval") ? "pending" : body.includes("\nkernel ") ? "talos" : body.includes("booting from the local disk") ? "exit" : "other";
      stats.record(`script: ${kind}`, reply);
      if (kind === "error" || kind === "other") {
        record.errors.push(`script ${reply.status}: ${body.slice(0, 160)}`);
        await sleep(10_000);
        continue;
      }
      if (kind === "exit") {
        if (record.downloads === 0) record.errors.push("exit script before any config download");
        record.provisionedAt = Date.now();

        return;
      }
      if (kind === "pending") {
        if (!record.registeredAt) {
          record.registeredAt = Date.now();
          context.onRegistered(record.mac);
        }
        const sleepS = Number(match(body, /^sleep (\d+)/m) ?? 10);
        // A longer sleep than the configured poll: the server shed this poll (backpressure).
        if (sleepS > context.pollSeconds) stats.record("script: pending, stretched sleep (backpressure)", reply);
        await sleep(sleepS * 1000);
        script = localPath(fill(match(body, /^chain --autofree (\S+)/m) ?? chain, record, index));
        continue;
      }
      record.talosScriptAt ??= Date.now();
      const kernelLine = match(body, /^kernel (.+?) \|\| goto failed$/m) ?? "";
      const [kernelUrl = "", ...args] = kernelLine.split(" ");
      const initrdUrl = match(body, /^initrd --name \S+ (\S+)/m) ?? "";
      const configUrl = args.find((arg) => arg.startsWith("talos.config="))?.slice("talos.config=".length);
      const kernel = await fetchAs("kernel", localPath(kernelUrl), false);
      const initrd = await fetchAs("initramfs", localPath(initrdUrl), false);
      if (kernel.bytes !== context.assetBytes || initrd.bytes !== context.assetBytes || !configUrl) {
        record.errors.push(`boot assets: kernel ${kernel.bytes} B, initramfs ${initrd.bytes} B, talos.config ${configUrl ? "present" : "missing"}`);
        await sleep(10_000);
        continue;
      }
      // Talos is up: it downloads its machine config once, installs and reboots.
      const config = await fetchAs("config download", localPath(configUrl));
      if (config.status === 200 && config.body.includes("machine:")) {
        record.downloads += 1;
        record.downloadedAt = Date.now();
      } else if (config.status === 200) record.errors.push(`config download without a machine config: ${config.body.slice(0, 160)}`);
      break;
    }
  }
  record.errors.push("not provisioned before the deadline");
};
