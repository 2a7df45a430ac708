import { dnsmasqApplyOutcome, type DnsmasqOutcome } from "@/lib/domain/dnsmasq/apply-outcome";
import { getWorkerStatus } from "@/lib/services/health";

export type SettledDnsmasqOutcome = Omit<DnsmasqOutcome, "dnsmasq"> & { dnsmasq: "running" | "refused" | "unavailable" };

export type AwaitDnsmasqOutcomeOptions = { configHash: string; timeoutMs: number; pollMs?: number };

// Apply's answer waits for the worker to say what dnsmasq did with the new config, so neither the
// page nor a script reports success for a config dnsmasq refused (an absent interface passes
// `dnsmasq --test` and fails only when dnsmasq starts).
export const awaitDnsmasqOutcome = async ({ configHash, timeoutMs, pollMs = 200 }: AwaitDnsmasqOutcomeOptions): Promise<SettledDnsmasqOutcome> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const outcome = dnsmasqApplyOutcome({ status: await getWorkerStatus(), configHash });
    const { dnsmasq } = outcome;
    if (dnsmasq !== "waiting") return { ...outcome, dnsmasq };
    if (Date.now() >= deadline) {
      const seconds = Math.round(timeoutMs / 100) / 10;

      return { dnsmasq: "unavailable", message: `the worker did not report dnsmasq running this config within ${seconds} s`, servingPrevious: outcome.servingPrevious };
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
};
