import type { SystemStatus } from "@/lib/schemas/worker-status";

export type DnsmasqOutcome = {
  // "waiting": the worker has not reported on this config yet (the caller asks again or gives up).
  dnsmasq: "running" | "refused" | "unavailable" | "waiting";
  message: string | null;
  // dnsmasq still answers with the config it had before this apply.
  servingPrevious: boolean;
};

export type ApplyOutcomeOptions = { status: Pick<SystemStatus, "worker" | "dnsmasq">; configHash: string };

// What happened to an applied dnsmasq config, read from the worker's status: running with exactly
// this config, refused by dnsmasq (its own message), or no worker/dnsmasq to run it.
export const dnsmasqApplyOutcome = ({ status, configHash }: ApplyOutcomeOptions): DnsmasqOutcome => {
  const { worker, dnsmasq } = status;
  if (worker.state !== "alive") return { dnsmasq: "unavailable", message: worker.message, servingPrevious: false };
  if (dnsmasq.running && dnsmasq.configHash === configHash) return { dnsmasq: "running", message: null, servingPrevious: false };
  const servingPrevious = dnsmasq.running && dnsmasq.configHash !== null && dnsmasq.configHash !== configHash;
  if (dnsmasq.lastError?.configHash === configHash) return { dnsmasq: "refused", message: dnsmasq.lastError.message, servingPrevious };
  if (dnsmasq.state === "unavailable") return { dnsmasq: "unavailable", message: dnsmasq.reason ?? "dnsmasq cannot run on this host", servingPrevious: false };

  return { dnsmasq: "waiting", message: null, servingPrevious };
};
