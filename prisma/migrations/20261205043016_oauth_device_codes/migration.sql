-- Console-code approval (docs/devices.md): OAuth2 device authorizations and the approvalProof setting.
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

-- AlterTable (ADD COLUMN, not a table rebuild, so no column another migration adds is lost)
ALTER TABLE "ClusterSettings" ADD COLUMN "approvalProof" TEXT NOT NULL DEFAULT 'token';

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

