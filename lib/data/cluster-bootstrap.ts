import type { BootstrapState } from "@/lib/generated/prisma/client";
import { prisma, type Tx } from "@/lib/db/client";

// Bootstrap state lives on the one ClusterSettings row. Every transition is a conditional update
// (compare-and-set), so the worker loop, a worker restart and an admin's "Bootstrap now" can race
// and still only one of them holds the claim at a time.
export type BootstrapRow = {
  id: string;
  autoBootstrap: boolean;
  bootstrapState: string;
  bootstrapAttempts: number;
  bootstrapNextAttemptAt: Date | null;
  bootstrapClaimedUntil: Date | null;
  bootstrapDeviceId: string | null;
  bootstrapLastError: string | null;
  bootstrappedAt: Date | null;
  talosconfigEnc: string | null;
};

export const findBootstrapRow = (): Promise<BootstrapRow | null> =>
  prisma.clusterSettings.findFirst({
    orderBy: { createdAt: "asc" },
    select: {
      id: true, autoBootstrap: true, bootstrapState: true, bootstrapAttempts: true, bootstrapNextAttemptAt: true,
      bootstrapClaimedUntil: true, bootstrapDeviceId: true, bootstrapLastError: true, bootstrappedAt: true, talosconfigEnc: true,
    },
  });

type ClaimOptions = { clusterId: string; deviceId: string; now: Date; leaseMs: number; manual: boolean };

// Takes the bootstrap claim. Automatic claims wait for their backoff and stop at "failed";
// a manual claim may retry a failed bootstrap. A claim whose holder died expires with its lease.
export const claimBootstrap = async ({ clusterId, deviceId, now, leaseMs, manual }: ClaimOptions): Promise<boolean> => {
  const states: BootstrapState[] = manual ? ["pending", "failed"] : ["pending"];
  const { count } = await prisma.clusterSettings.updateMany({
    where: {
      id: clusterId,
      ...(manual ? {} : { autoBootstrap: true, OR: [{ bootstrapNextAttemptAt: null }, { bootstrapNextAttemptAt: { lte: now } }] }),
      AND: [
        {
          OR: [
            { bootstrapState: { in: states } },
            { bootstrapState: "running", bootstrapClaimedUntil: { lt: now } },
          ],
        },
      ],
    },
    data: {
      bootstrapState: "running",
      bootstrapClaimedUntil: new Date(now.getTime() + leaseMs),
      bootstrapDeviceId: deviceId,
      bootstrapAttempts: { increment: 1 },
    },
  });

  return count === 1;
};

type ReleaseOptions = { clusterId: string; state: "pending" | "failed" | "done"; nextAttemptAt?: Date | null; error?: string | null; now: Date };

// Ends a claim; `tx` lets the caller record the matching event in the same transaction.
export const releaseBootstrap = async ({ clusterId, state, nextAttemptAt = null, error = null, now }: ReleaseOptions, tx?: Tx): Promise<boolean> => {
  const { count } = await (tx ?? prisma).clusterSettings.updateMany({
    where: { id: clusterId, bootstrapState: "running" },
    data: {
      bootstrapState: state,
      bootstrapClaimedUntil: null,
      bootstrapNextAttemptAt: nextAttemptAt,
      bootstrapLastError: error,
      ...(state === "done" ? { bootstrappedAt: now } : {}),
    },
  });

  return count === 1;
};

export type ControlPlaneTarget = { id: string; hostname: string | null; ipAddress: string };

// The first control plane to have downloaded its config: the one etcd is bootstrapped on.
export const findFirstProvisionedControlPlane = async (): Promise<ControlPlaneTarget | null> => {
  const device = await prisma.device.findFirst({
    where: { status: "approved", role: "controlplane", provisionedAt: { not: null }, ipAddress: { not: null } },
    orderBy: [{ provisionedAt: "asc" }, { id: "asc" }],
    select: { id: true, hostname: true, ipAddress: true },
  });

  return device?.ipAddress ? { id: device.id, hostname: device.hostname, ipAddress: device.ipAddress } : null;
};
