import type { Actor } from "@/lib/auth/principal";
import { AppError } from "@/lib/domain/errors";
import { env } from "@/lib/env";
import { bootstrapCluster } from "./bootstrap-cluster";

type BootstrapClusterNowOptions = { actor: Actor; sourceIp?: string | null };

// "Bootstrap now" (UI and POST /api/v1/cluster/bootstrap): the same once-only claim as the
// worker's automatic bootstrap, without its backoff; refusals come back as errors.
export const bootstrapClusterNow = async ({ actor, sourceIp }: BootstrapClusterNowOptions) => {
  const { KTIZO_TALOS_API_PORT: port, KTIZO_TALOS_API_TIMEOUT_MS: timeoutMs } = env();
  const result = await bootstrapCluster({ manual: true, actor, sourceIp, talos: { port, timeoutMs, retryBaseMs: 0, retryMaxMs: 0 } });
  if (result.outcome !== "bootstrapped") throw new AppError("internal", `unexpected bootstrap outcome ${result.outcome}`);

  return result;
};
