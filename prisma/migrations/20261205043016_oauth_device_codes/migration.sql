-- AlterTable
ALTER TABLE "Device" ADD COLUMN "approvalProof" TEXT;

-- AlterTable
ALTER TABLE "DeviceGroup" ADD COLUMN "approvalProof" TEXT;

-- CreateTable
CREATE TABLE "DeviceAuthorization" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "deviceId" TEXT NOT NULL,
    "deviceCodeHash" TEXT NOT NULL,
    "userCodeHash" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "sourceIp" TEXT,
    "reportedUuid" TEXT,
    "reportedSerial" TEXT,
    "reportedMac" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "interval" INTEGER NOT NULL DEFAULT 5,
    "lastPollAt" DATETIME,
    "lastPollRepeat" BOOLEAN NOT NULL DEFAULT false,
    "lastAnswer" TEXT,
    "decidedAt" DATETIME,
    "decidedBy" TEXT,
    "accessTokenHash" TEXT,
    "tokenExpiresAt" DATETIME,
    "tokenUsedAt" DATETIME,
    CONSTRAINT "DeviceAuthorization_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
    "approvalProof" TEXT NOT NULL DEFAULT 'token',
    "generator" TEXT NOT NULL DEFAULT 'builtin',
    "generatedAt" DATETIME,
    "secretsEnc" TEXT,
    "secretsGeneratedAt" DATETIME,
    "controlPlaneConfigEnc" TEXT,
    "workerConfigEnc" TEXT,
    "talosconfigEnc" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_ClusterSettings" ("additionalSans", "allowSchedulingOnControlPlanes", "cniName", "cniUrls", "configPatch", "controlPlaneConfigEnc", "controlPlanePatch", "createdAt", "dnsDomain", "endpoint", "generatedAt", "generator", "id", "installDisk", "installImage", "kubernetesVersion", "name", "podSubnets", "secretsEnc", "secretsGeneratedAt", "serviceSubnets", "talosVersion", "talosconfigEnc", "updatedAt", "workerConfigEnc", "workerPatch") SELECT "additionalSans", "allowSchedulingOnControlPlanes", "cniName", "cniUrls", "configPatch", "controlPlaneConfigEnc", "controlPlanePatch", "createdAt", "dnsDomain", "endpoint", "generatedAt", "generator", "id", "installDisk", "installImage", "kubernetesVersion", "name", "podSubnets", "secretsEnc", "secretsGeneratedAt", "serviceSubnets", "talosVersion", "talosconfigEnc", "updatedAt", "workerConfigEnc", "workerPatch" FROM "ClusterSettings";
DROP TABLE "ClusterSettings";
ALTER TABLE "new_ClusterSettings" RENAME TO "ClusterSettings";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "DeviceAuthorization_deviceCodeHash_key" ON "DeviceAuthorization"("deviceCodeHash");

-- CreateIndex
CREATE UNIQUE INDEX "DeviceAuthorization_userCodeHash_key" ON "DeviceAuthorization"("userCodeHash");

-- CreateIndex
CREATE UNIQUE INDEX "DeviceAuthorization_accessTokenHash_key" ON "DeviceAuthorization"("accessTokenHash");

-- CreateIndex
CREATE INDEX "DeviceAuthorization_deviceId_status_idx" ON "DeviceAuthorization"("deviceId", "status");

-- CreateIndex
CREATE INDEX "DeviceAuthorization_sourceIp_status_idx" ON "DeviceAuthorization"("sourceIp", "status");

-- CreateIndex
CREATE INDEX "DeviceAuthorization_status_expiresAt_idx" ON "DeviceAuthorization"("status", "expiresAt");

-- CreateIndex
CREATE INDEX "DeviceAuthorization_expiresAt_idx" ON "DeviceAuthorization"("expiresAt");

