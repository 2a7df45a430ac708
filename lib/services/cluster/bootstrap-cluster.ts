import type { Actor } from "@/lib/auth/principal";
import { inTransaction } from "@/lib/data/db";
import { claimBootstrap, findBootstrapRow, findFirstProvisionedControlPlane, releaseBootstrap } from "@/lib/data/cluster-bootstrap";
import { backoffDelayMs } from "@/lib/domain/backoff";
import { bootstrapOutcome } from "@/lib/domain/cluster/bootstrap-outcome";
import { AppError } from "@/lib/domain/errors";
import { recordEvent } from "@/lib/events/record-event";
import { createTalosClient, TalosApiError } from "@/lib/talos-api";
import { loadTalosCredentials } from "./talos-credentials";

export type TalosApiSettings = { port: number; timeoutMs: number; retryBaseMs: number; retryMaxMs: number };

type BootstrapClusterOptions = { manual: boolean; actor: Actor; sourceIp?: string | null; talos: TalosApiSettings; now?: () => Date };

export type BootstrapResult =
  | { outcome: "bootstrapped"; deviceId: string; alreadyBootstrapped: boolean }
  | { outcome: "retrying"; deviceId: string; message: string; nextAttemptAt: string }
  | { outcome: "failed"; deviceId: string; message: string }
  | { outcome: "skipped"; reason: string };

// A claim must outlive one Bootstrap call (its deadline) with room to record the result.
const leaseMarginMs = 30_000;

// Calls Bootstrap on the first provisioned control plane, once per cluster (docs/cluster.md).
// The worker calls it on every tick (manual=false); "Bootstrap now" calls it with manual=true,
// which skips the backoff and may retry a failed bootstrap, and reports refusals as errors.
export const bootstrapCluster = async ({ manual, actor, sourceIp = null, talos, now = () => new Date() }: BootstrapClusterOptions): Promise<BootstrapResult> => {
  const skip = (code: "not_ready" | "conflict", reason: string): BootstrapResult => {
    if (manual) throw new AppError(code, reason);
    return { outcome: "skipped", reason };
  };
  const row = await findBootstrapRow();
  if (!row?.talosconfigEnc) return skip("not_ready", "cluster configuration has not been generated yet");
  if (row.bootstrapState === "done") return skip("conflict", "the cluster is already bootstrapped");
  if (!manual && !row.autoBootstrap) return { outcome: "skipped", reason: "automatic bootstrap is off" };
  const target = await findFirstProvisionedControlPlane();
  if (!target) return skip("not_ready", "no control plane has been provisioned yet");
  const started = now();
  const claimed = await claimBootstrap({ clusterId: row.id, deviceId: target.id, now: started, leaseMs: talos.timeoutMs + leaseMarginMs, manual });
  if (!claimed) return skip("conflict", "a bootstrap is already in progress or waiting for its next attempt");
  const attempt = row.bootstrapAttempts + 1;
  const eventBase = { actor, sourceIp, deviceId: target.id };
  if (manual || row.bootstrapAttempts === 0) {
    await recordEvent({ ...eventBase, type: "cluster.bootstrap_started", details: { node: target.ipAddress, manual } });
  }

  const client = createTalosClient({ address: target.ipAddress, port: talos.port, credentials: await loadTalosCredentials(row.talosconfigEnc), timeoutMs: talos.timeoutMs });
  let code = 0;
  let message = "";
  try {
    await client.bootstrap();
  } catch (error) {
    code = error instanceof TalosApiError ? error.code : 2;
    message = error instanceof Error ? error.message : String(error);
  } finally {
    client.close();
  }

  const outcome = bootstrapOutcome(code);
  const clusterId = row.id;
  if (outcome === "done") {
    const alreadyBootstrapped = code !== 0;
    await inTransaction(async (tx) => {
      if (!(await releaseBootstrap({ clusterId, state: "done", now: now() }, tx))) return;
      await recordEvent({ ...eventBase, type: "cluster.bootstrapped", details: { node: target.ipAddress, attempts: attempt, alreadyBootstrapped } }, tx);
    });
    return { outcome: "bootstrapped", deviceId: target.id, alreadyBootstrapped };
  }
  if (outcome === "retry" && !manual) {
    const nextAttemptAt = new Date(now().getTime() + backoffDelayMs({ failures: attempt, backoff: { baseMs: talos.retryBaseMs, factor: 2, capMs: talos.retryMaxMs } }));
    await releaseBootstrap({ clusterId, state: "pending", nextAttemptAt, error: message, now: now() });
    return { outcome: "retrying", deviceId: target.id, message, nextAttemptAt: nextAttemptAt.toISOString() };
  }
  // A refusal that waiting will not fix (or an admin's attempt that did not work): recorded with
  // Talos's own message. Automatic retries stop at "failed"; "not ready" on a manual attempt
  // leaves the automatic schedule as it was.
  await inTransaction(async (tx) => {
    await releaseBootstrap({ clusterId, state: outcome === "retry" ? "pending" : "failed", error: message, now: now() }, tx);
    await recordEvent({ ...eventBase, type: "cluster.bootstrap_failed", details: { node: target.ipAddress, code, message, manual } }, tx);
  });
  if (manual) throw new AppError(outcome === "retry" ? "unavailable" : "external_tool_failed", `Talos refused the bootstrap: ${message}`);
  return { outcome: "failed", deviceId: target.id, message };
};
