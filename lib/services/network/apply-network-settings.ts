import type { Actor } from "@/lib/auth/principal";
import { dnsmasqConfigHash, renderDnsmasqConfig, testDnsmasqConfig, writeDnsmasqConfig } from "@/lib/compile/compile-dnsmasq";
import { assertIpxeBinaryExists } from "@/lib/compile/ipxe-binary";
import { prepareTftpRoot } from "@/lib/compile/prepare-tftp-root";
import { inTransaction } from "@/lib/data/db";
import { findNetworkSettings, markNetworkSettingsApplied } from "@/lib/data/network-settings";
import { AppError } from "@/lib/domain/errors";
import { env } from "@/lib/env";
import { recordEvent } from "@/lib/events/record-event";
import { networkSettingsSchema, type ApplyNetworkResult } from "@/lib/schemas/network";
import { awaitDnsmasqOutcome } from "./await-dnsmasq-outcome";
import { reconcileReservations } from "./reconcile-reservations";

export type ApplyNetworkSettingsOptions = { actor: Actor; sourceIp?: string | null };

// render → `dnsmasq --test` → TFTP root + reservations → atomic write of compiled/dnsmasq/dnsmasq.conf.
// A config `dnsmasq --test` refuses throws validation_failed (422) with dnsmasq's message before
// anything is written. The worker notices the new file, tests it again and restarts dnsmasq; the
// answer waits (bounded) for the worker's report of what dnsmasq did with it.
export const applyNetworkSettings = async ({ actor, sourceIp = null }: ApplyNetworkSettingsOptions): Promise<ApplyNetworkResult> => {
  const stored = await findNetworkSettings();
  if (!stored) throw new AppError("not_ready", "save the network settings before applying them");
  const settings = networkSettingsSchema.parse(stored.input);
  // A row saved before arm64Binary had to be a bare name in KTIZO_IPXE_DIR is refused here too.
  if (settings.arm64Binary) await assertIpxeBinaryExists({ field: "arm64Binary", name: settings.arm64Binary });
  const text = await renderDnsmasqConfig(settings);
  const dnsmasqTest = await testDnsmasqConfig(text);
  if (settings.tftpEnabled) await prepareTftpRoot(settings);
  const reservations = await reconcileReservations();
  await writeDnsmasqConfig(text);
  const configHash = dnsmasqConfigHash(text);
  const appliedAt = new Date();
  await inTransaction(async (tx) => {
    await markNetworkSettingsApplied({ id: stored.json.id, at: appliedAt, configHash, db: tx });
    await recordEvent({ type: "settings.applied", actor, sourceIp, details: { target: "dnsmasq", configHash, dnsmasqTest, reservations } }, tx);
  });

  const outcome = await awaitDnsmasqOutcome({ configHash, timeoutMs: env().KTIZO_APPLY_WAIT_MS });

  return { appliedAt: appliedAt.toISOString(), configHash, dnsmasqTest, dnsmasq: outcome.dnsmasq, dnsmasqMessage: outcome.message, servingPrevious: outcome.servingPrevious };
};
