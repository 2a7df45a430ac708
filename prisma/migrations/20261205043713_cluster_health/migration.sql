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

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ClusterSettings" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "talosVersion" TEXT NOT NULL DEFAULT 'v1.11.6',
    "kubernetesVersion" TEXT NOT NULL DEFAULT '1.34.1',
    "installDisk" TEXT NOT NULL DEFAULT '/dev/sda',
    "installImage" TEXT NOT NULL DEFAULT 'ghcr.io/siderolabs/installer:v1.11.6',
    "podSubnets" TEXT NOT NULL DEFAULT '["10.244.0.0/16"]',
    "serviceSubnets" TEXT NOT NULL DEFAULT '["10.96.0.0/12"]',
    "cniName" TEXT NOT NULL DEFAULT 'flannel',
    "cniUrls" TEXT NOT NULL DEFAULT '[]',
    "dnsDomain" TEXT NOT NULL DEFAULT 'cluster.local',
    "additionalSans" TEXT NOT NULL DEFAULT '[]',
    "allowSchedulingOnControlPlanes" BOOLEAN NOT NULL DEFAULT false,
    "configPatch" TEXT NOT NULL DEFAULT '',
    "controlPlanePatch" TEXT NOT NULL DEFAULT '',
    "workerPatch" TEXT NOT NULL DEFAULT '',
    "generator" TEXT NOT NULL DEFAULT 'builtin',
    "generatedAt" DATETIME,
    "secretsEnc" TEXT,
    "secretsGeneratedAt" DATETIME,
    "controlPlaneConfigEnc" TEXT,
    "workerConfigEnc" TEXT,
    "talosconfigEnc" TEXT,
    "autoBootstrap" BOOLEAN NOT NULL DEFAULT true,
    "bootstrapState" TEXT NOT NULL DEFAULT 'pending',
    "bootstrapClaimedUntil" DATETIME,
    "bootstrapNextAttemptAt" DATETIME,
    "bootstrapAttempts" INTEGER NOT NULL DEFAULT 0,
    "bootstrapDeviceId" TEXT,
    "bootstrapLastError" TEXT,
    "bootstrappedAt" DATETIME,
    "kubeconfigTtlHours" INTEGER NOT NULL DEFAULT 24,
    "health" JSONB,
    "healthUpdatedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_ClusterSettings" ("additionalSans", "allowSchedulingOnControlPlanes", "cniName", "cniUrls", "configPatch", "controlPlaneConfigEnc", "controlPlanePatch", "createdAt", "dnsDomain", "endpoint", "generatedAt", "generator", "id", "installDisk", "installImage", "kubernetesVersion", "name", "podSubnets", "secretsEnc", "secretsGeneratedAt", "serviceSubnets", "talosVersion", "talosconfigEnc", "updatedAt", "workerConfigEnc", "workerPatch") SELECT "additionalSans", "allowSchedulingOnControlPlanes", "cniName", "cniUrls", "configPatch", "controlPlaneConfigEnc", "controlPlanePatch", "createdAt", "dnsDomain", "endpoint", "generatedAt", "generator", "id", "installDisk", "installImage", "kubernetesVersion", "name", "podSubnets", "secretsEnc", "secretsGeneratedAt", "serviceSubnets", "talosVersion", "talosconfigEnc", "updatedAt", "workerConfigEnc", "workerPatch" FROM "ClusterSettings";
DROP TABLE "ClusterSettings";
ALTER TABLE "new_ClusterSettings" RENAME TO "ClusterSettings";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

