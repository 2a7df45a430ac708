-- Cluster bootstrap state, health snapshots and the kubeconfig lifetime (docs/cluster.md).
-- Plain ADD COLUMN statements (no table rebuild), so no column another migration adds is lost.

-- CreateTable
CREATE TABLE "NodeHealth" (
    "deviceId" TEXT NOT NULL PRIMARY KEY,
    "snapshot" JSONB NOT NULL,
    "talosReachable" BOOLEAN NOT NULL DEFAULT false,
    "kube" JSONB,
    "k8sReady" BOOLEAN,
    "lastSeenAt" DATETIME,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "NodeHealth_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable
ALTER TABLE "ClusterSettings" ADD COLUMN "autoBootstrap" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "ClusterSettings" ADD COLUMN "bootstrapState" TEXT NOT NULL DEFAULT 'pending';
ALTER TABLE "ClusterSettings" ADD COLUMN "bootstrapClaimedUntil" DATETIME;
ALTER TABLE "ClusterSettings" ADD COLUMN "bootstrapNextAttemptAt" DATETIME;
ALTER TABLE "ClusterSettings" ADD COLUMN "bootstrapAttempts" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "ClusterSettings" ADD COLUMN "bootstrapDeviceId" TEXT;
ALTER TABLE "ClusterSettings" ADD COLUMN "bootstrapLastError" TEXT;
ALTER TABLE "ClusterSettings" ADD COLUMN "bootstrappedAt" DATETIME;
ALTER TABLE "ClusterSettings" ADD COLUMN "kubeconfigTtlHours" INTEGER NOT NULL DEFAULT 24;
ALTER TABLE "ClusterSettings" ADD COLUMN "health" JSONB;
ALTER TABLE "ClusterSettings" ADD COLUMN "healthUpdatedAt" DATETIME;
