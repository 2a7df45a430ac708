import { macToHyphen } from "@/lib/domain/mac";
import { scriptMessage, scriptSeconds, scriptUrl, scriptWord } from "@/lib/domain/ipxe/script-values";

// Models for templates/ipxe/*.liquid. Every string a builder returns has passed a guard in
// script-values.ts, so the templates may interpolate them as they are.
export type IpxeTemplate = "entry" | "waiting" | "rejected" | "talos" | "not-ready" | "exit";

export type IpxeScript<T extends IpxeTemplate = IpxeTemplate> = { template: T; model: Record<string, unknown> };

type ChainOptions = { httpBaseUrl: string };

// The per-device endpoint; the templates append the iPXE-variable query themselves.
export const bootEndpoint = ({ httpBaseUrl }: ChainOptions): string =>
  scriptUrl(`${httpBaseUrl.replace(/\/+$/, "")}/api/v1/boot/ipxe`, "boot URL");

export const entryScript = ({ httpBaseUrl, retrySeconds = 10 }: ChainOptions & { retrySeconds?: number }): IpxeScript<"entry"> => ({
  template: "entry",
  model: { bootUrl: bootEndpoint({ httpBaseUrl }), retrySeconds: scriptSeconds(retrySeconds, "retry interval") },
});

type DeviceScriptOptions = ChainOptions & { mac: string };

const deviceFields = ({ mac }: { mac: string }) => ({
  mac: scriptWord(mac, "MAC"),
  macHyphen: scriptWord(macToHyphen(mac), "MAC"),
});

export const waitingScript = ({ pollSeconds, ...options }: DeviceScriptOptions & { pollSeconds: number }): IpxeScript<"waiting"> => ({
  template: "waiting",
  model: { ...deviceFields(options), bootUrl: bootEndpoint(options), pollSeconds: scriptSeconds(pollSeconds, "poll interval") },
});

export const notReadyScript = ({
  pollSeconds,
  reason,
  ...options
}: DeviceScriptOptions & { pollSeconds: number; reason: string }): IpxeScript<"not-ready"> => ({
  template: "not-ready",
  model: {
    ...deviceFields(options),
    bootUrl: bootEndpoint(options),
    pollSeconds: scriptSeconds(pollSeconds, "poll interval"),
    reason: scriptMessage(reason, "reason"),
  },
});

export const rejectedScript = ({ mac }: { mac: string }): IpxeScript<"rejected"> => ({
  template: "rejected",
  model: deviceFields({ mac }),
});

export const exitScript = ({ mac, reason }: { mac: string; reason: string }): IpxeScript<"exit"> => ({
  template: "exit",
  model: { ...deviceFields({ mac }), reason: scriptMessage(reason, "reason") },
});

export type TalosScriptOptions = {
  httpBaseUrl: string;
  mac: string;
  talosVersion: string;
  kernelUrl: string;
  initrdUrl: string;
  initrdName: string;
  kernelArgs: readonly string[];
  wipe: boolean;
};

export const talosScript = (options: TalosScriptOptions): IpxeScript<"talos"> => ({
  template: "talos",
  model: {
    ...deviceFields(options),
    bootUrl: bootEndpoint(options),
    talosVersion: scriptWord(options.talosVersion, "Talos version"),
    kernelUrl: scriptUrl(options.kernelUrl, "kernel URL"),
    initrdUrl: scriptUrl(options.initrdUrl, "initrd URL"),
    initrdName: scriptWord(options.initrdName, "initrd name"),
    kernelArgs: options.kernelArgs.map((arg) => scriptWord(arg, "kernel argument")).join(" "),
    wipe: options.wipe,
  },
});
