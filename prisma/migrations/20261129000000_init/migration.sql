-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "username" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sourceIp" TEXT,
    "userAgent" TEXT,
    CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "origin" TEXT NOT NULL DEFAULT 'ui',
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    CONSTRAINT "ApiToken_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Event" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "type" TEXT NOT NULL,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "actorName" TEXT,
    "sourceIp" TEXT,
    "deviceId" TEXT,
    "details" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ClusterSettings" (
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "NetworkSettings" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "interface" TEXT NOT NULL,
    "serverIp" TEXT NOT NULL,
    "httpBaseUrl" TEXT NOT NULL,
    "dhcpMode" TEXT NOT NULL DEFAULT 'full',
    "dhcpRangeStart" TEXT NOT NULL,
    "dhcpRangeEnd" TEXT NOT NULL,
    "netmask" TEXT NOT NULL DEFAULT '255.255.255.0',
    "gateway" TEXT,
    "dnsServers" TEXT NOT NULL DEFAULT '[]',
    "domain" TEXT,
    "leaseTime" TEXT NOT NULL DEFAULT '12h',
    "dnsEnabled" BOOLEAN NOT NULL DEFAULT false,
    "tftpEnabled" BOOLEAN NOT NULL DEFAULT true,
    "uefiBinary" TEXT NOT NULL DEFAULT 'ipxe.efi',
    "arm64Binary" TEXT,
    "ipxePollSeconds" INTEGER NOT NULL DEFAULT 10,
    "assetSource" TEXT NOT NULL DEFAULT 'factory',
    "factorySchematic" TEXT NOT NULL DEFAULT '376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba',
    "extraKernelArgs" TEXT NOT NULL DEFAULT '',
    "provisionWindowMinutes" INTEGER NOT NULL DEFAULT 60,
    "allowMacOnlyDownload" BOOLEAN NOT NULL DEFAULT false,
    "pendingHoldSeconds" INTEGER NOT NULL DEFAULT 60,
    "appliedAt" DATETIME,
    "appliedHash" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Device" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "mac" TEXT NOT NULL,
    "uuid" TEXT,
    "serial" TEXT,
    "arch" TEXT,
    "hostname" TEXT,
    "ipAddress" TEXT,
    "role" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "groupId" TEXT,
    "installDisk" TEXT,
    "notes" TEXT,
    "bootAction" TEXT NOT NULL DEFAULT 'install',
    "firstSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSourceIp" TEXT,
    "approvedAt" DATETIME,
    "approvedBy" TEXT,
    "configDownloadedAt" DATETIME,
    "configDownloadCount" INTEGER NOT NULL DEFAULT 0,
    "lastDownloadIp" TEXT,
    "provisionedAt" DATETIME,
    "ruleId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Device_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "DeviceGroup" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BootToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "deviceId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "voidedAt" DATETIME,
    CONSTRAINT "BootToken_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DeviceGroup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "role" TEXT,
    "installDisk" TEXT,
    "hostnamePattern" TEXT,
    "configPatch" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ApprovalRule" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "priority" INTEGER NOT NULL DEFAULT 100,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "macPattern" TEXT,
    "ouiPrefix" TEXT,
    "uuidPattern" TEXT,
    "serialPattern" TEXT,
    "arch" TEXT,
    "action" TEXT NOT NULL DEFAULT 'approve',
    "groupId" TEXT,
    "role" TEXT,
    "hostnamePattern" TEXT,
    "ipPoolStart" TEXT,
    "ipPoolEnd" TEXT,
    "maxMatches" INTEGER,
    "matchCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ApprovalRule_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "DeviceGroup" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Webhook" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "secretEnc" TEXT NOT NULL,
    "events" TEXT NOT NULL DEFAULT '[]',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "webhookId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastStatusCode" INTEGER,
    "lastError" TEXT,
    "deliveredAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WebhookDelivery_webhookId_fkey" FOREIGN KEY ("webhookId") REFERENCES "Webhook" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AssetImport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "url" TEXT NOT NULL,
    "talosVersion" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "bytesDone" INTEGER NOT NULL DEFAULT 0,
    "bytesTotal" INTEGER,
    "sha256" TEXT,
    "expectedSha256" TEXT,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE UNIQUE INDEX "Session_tokenHash_key" ON "Session"("tokenHash");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "Event_createdAt_idx" ON "Event"("createdAt");

-- CreateIndex
CREATE INDEX "Event_type_createdAt_idx" ON "Event"("type", "createdAt");

-- CreateIndex
CREATE INDEX "Event_deviceId_createdAt_idx" ON "Event"("deviceId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Device_mac_key" ON "Device"("mac");

-- CreateIndex
CREATE UNIQUE INDEX "Device_hostname_key" ON "Device"("hostname");

-- CreateIndex
CREATE UNIQUE INDEX "Device_ipAddress_key" ON "Device"("ipAddress");

-- CreateIndex
CREATE INDEX "Device_status_lastSeenAt_idx" ON "Device"("status", "lastSeenAt");

-- CreateIndex
CREATE INDEX "Device_lastSeenAt_idx" ON "Device"("lastSeenAt");

-- CreateIndex
CREATE UNIQUE INDEX "BootToken_tokenHash_key" ON "BootToken"("tokenHash");

-- CreateIndex
CREATE INDEX "BootToken_deviceId_idx" ON "BootToken"("deviceId");

-- CreateIndex
CREATE UNIQUE INDEX "DeviceGroup_name_key" ON "DeviceGroup"("name");

-- CreateIndex
CREATE INDEX "ApprovalRule_enabled_priority_idx" ON "ApprovalRule"("enabled", "priority");

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_webhookId_createdAt_idx" ON "WebhookDelivery"("webhookId", "createdAt");

