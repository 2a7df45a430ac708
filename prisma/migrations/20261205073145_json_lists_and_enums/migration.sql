-- Lists become Prisma Json and closed sets Prisma enums (docs/architecture.md, "Rows and domain values").
-- Both stay TEXT in SQLite, so raw statements read the same text. Prisma refuses to read a row whose enum
-- column holds a value outside the set or whose Json column is not JSON, so every existing row is made
-- valid first, in this order: a closed value is trimmed and lower-cased; one still outside its set gets
-- the safe value named below (null where the column is optional: inherit or unknown). A list column that
-- is not a JSON array (e.g. '' or 'a,b') gets its default list; entries that are not strings are dropped.
-- Nothing is refused, so the upgrade never stops half way; the admin sees the result on the pages.

UPDATE "Device" SET "status" = lower(trim("status")) WHERE "status" NOT IN ('pending', 'approved', 'rejected') AND lower(trim("status")) IN ('pending', 'approved', 'rejected');
UPDATE "Device" SET "status" = 'pending' WHERE "status" NOT IN ('pending', 'approved', 'rejected'); -- an unknown status waits for an admin again
UPDATE "Device" SET "role" = lower(trim("role")) WHERE "role" NOT IN ('controlplane', 'worker') AND lower(trim("role")) IN ('controlplane', 'worker');
UPDATE "Device" SET "role" = NULL WHERE "role" NOT IN ('controlplane', 'worker');
UPDATE "Device" SET "bootAction" = lower(trim("bootAction")) WHERE "bootAction" NOT IN ('install', 'local', 'reinstall') AND lower(trim("bootAction")) IN ('install', 'local', 'reinstall');
UPDATE "Device" SET "bootAction" = 'local' WHERE "bootAction" NOT IN ('install', 'local', 'reinstall'); -- boots from disk: never wipes a disk on a guess
UPDATE "Device" SET "identityStatus" = lower(trim("identityStatus")) WHERE "identityStatus" NOT IN ('bound', 'mismatch', 'unverifiable') AND lower(trim("identityStatus")) IN ('bound', 'mismatch', 'unverifiable');
UPDATE "Device" SET "identityStatus" = NULL WHERE "identityStatus" NOT IN ('bound', 'mismatch', 'unverifiable');
UPDATE "Device" SET "approvalProof" = lower(trim("approvalProof")) WHERE "approvalProof" NOT IN ('token', 'console-code') AND lower(trim("approvalProof")) IN ('token', 'console-code');
UPDATE "Device" SET "approvalProof" = NULL WHERE "approvalProof" NOT IN ('token', 'console-code'); -- inherit
UPDATE "DeviceGroup" SET "role" = lower(trim("role")) WHERE "role" NOT IN ('controlplane', 'worker') AND lower(trim("role")) IN ('controlplane', 'worker');
UPDATE "DeviceGroup" SET "role" = NULL WHERE "role" NOT IN ('controlplane', 'worker');
UPDATE "DeviceGroup" SET "approvalProof" = lower(trim("approvalProof")) WHERE "approvalProof" NOT IN ('token', 'console-code') AND lower(trim("approvalProof")) IN ('token', 'console-code');
UPDATE "DeviceGroup" SET "approvalProof" = NULL WHERE "approvalProof" NOT IN ('token', 'console-code'); -- inherit
UPDATE "ApprovalRule" SET "role" = lower(trim("role")) WHERE "role" NOT IN ('controlplane', 'worker') AND lower(trim("role")) IN ('controlplane', 'worker');
UPDATE "ApprovalRule" SET "role" = NULL WHERE "role" NOT IN ('controlplane', 'worker');
UPDATE "NetworkSettings" SET "dhcpMode" = lower(trim("dhcpMode")) WHERE "dhcpMode" NOT IN ('full', 'proxy') AND lower(trim("dhcpMode")) IN ('full', 'proxy');
UPDATE "NetworkSettings" SET "dhcpMode" = 'proxy' WHERE "dhcpMode" NOT IN ('full', 'proxy'); -- hands out no addresses on a guess
UPDATE "NetworkSettings" SET "identityCheck" = lower(trim("identityCheck")) WHERE "identityCheck" NOT IN ('strict', 'ip-only', 'off') AND lower(trim("identityCheck")) IN ('strict', 'ip-only', 'off');
UPDATE "NetworkSettings" SET "identityCheck" = 'strict' WHERE "identityCheck" NOT IN ('strict', 'ip-only', 'off'); -- as the boot path already read it
UPDATE "NetworkSettings" SET "assetSource" = lower(trim("assetSource")) WHERE "assetSource" NOT IN ('factory', 'local') AND lower(trim("assetSource")) IN ('factory', 'local');
UPDATE "NetworkSettings" SET "assetSource" = 'factory' WHERE "assetSource" NOT IN ('factory', 'local');
UPDATE "ClusterSettings" SET "approvalProof" = lower(trim("approvalProof")) WHERE "approvalProof" NOT IN ('token', 'console-code') AND lower(trim("approvalProof")) IN ('token', 'console-code');
UPDATE "ClusterSettings" SET "approvalProof" = 'token' WHERE "approvalProof" NOT IN ('token', 'console-code');
UPDATE "ClusterSettings" SET "generator" = lower(trim("generator")) WHERE "generator" NOT IN ('builtin', 'talosctl') AND lower(trim("generator")) IN ('builtin', 'talosctl');
UPDATE "ClusterSettings" SET "generator" = 'builtin' WHERE "generator" NOT IN ('builtin', 'talosctl');
UPDATE "ClusterSettings" SET "bootstrapState" = lower(trim("bootstrapState")) WHERE "bootstrapState" NOT IN ('pending', 'running', 'done', 'failed') AND lower(trim("bootstrapState")) IN ('pending', 'running', 'done', 'failed');
UPDATE "ClusterSettings" SET "bootstrapState" = 'pending' WHERE "bootstrapState" NOT IN ('pending', 'running', 'done', 'failed'); -- bootstrap treats an already bootstrapped cluster as done
UPDATE "WebhookDelivery" SET "status" = lower(trim("status")) WHERE "status" NOT IN ('pending', 'delivered', 'failed') AND lower(trim("status")) IN ('pending', 'delivered', 'failed');
UPDATE "WebhookDelivery" SET "status" = 'failed' WHERE "status" NOT IN ('pending', 'delivered', 'failed');
UPDATE "DeviceAuthorization" SET "status" = lower(trim("status")) WHERE "status" NOT IN ('pending', 'approved', 'denied', 'expired', 'issued', 'used') AND lower(trim("status")) IN ('pending', 'approved', 'denied', 'expired', 'issued', 'used');
UPDATE "DeviceAuthorization" SET "status" = 'expired' WHERE "status" NOT IN ('pending', 'approved', 'denied', 'expired', 'issued', 'used');
-- An approved device needs a role: one whose role was not a known one waits for an admin again.
UPDATE "Device" SET "status" = 'pending' WHERE "status" = 'approved' AND "role" IS NULL;
-- A rule whose action is unknown acts on nothing: it becomes a disabled reject rule.
UPDATE "ApprovalRule" SET "enabled" = false WHERE "action" NOT IN ('approve', 'reject');
UPDATE "ApprovalRule" SET "action" = 'reject' WHERE "action" NOT IN ('approve', 'reject');
UPDATE "ClusterSettings" SET "podSubnets" = '["10.244.0.0/16"]' WHERE "podSubnets" IS NOT NULL AND (json_valid("podSubnets") = 0 OR CASE WHEN json_valid("podSubnets") THEN json_type("podSubnets") END <> 'array');
UPDATE "ClusterSettings" SET "podSubnets" = (SELECT json_group_array(value) FROM json_each("ClusterSettings"."podSubnets") WHERE type = 'text') WHERE "podSubnets" IS NOT NULL AND EXISTS (SELECT 1 FROM json_each("ClusterSettings"."podSubnets") WHERE type <> 'text');
UPDATE "ClusterSettings" SET "serviceSubnets" = '["10.96.0.0/12"]' WHERE "serviceSubnets" IS NOT NULL AND (json_valid("serviceSubnets") = 0 OR CASE WHEN json_valid("serviceSubnets") THEN json_type("serviceSubnets") END <> 'array');
UPDATE "ClusterSettings" SET "serviceSubnets" = (SELECT json_group_array(value) FROM json_each("ClusterSettings"."serviceSubnets") WHERE type = 'text') WHERE "serviceSubnets" IS NOT NULL AND EXISTS (SELECT 1 FROM json_each("ClusterSettings"."serviceSubnets") WHERE type <> 'text');
UPDATE "ClusterSettings" SET "cniUrls" = '[]' WHERE "cniUrls" IS NOT NULL AND (json_valid("cniUrls") = 0 OR CASE WHEN json_valid("cniUrls") THEN json_type("cniUrls") END <> 'array');
UPDATE "ClusterSettings" SET "cniUrls" = (SELECT json_group_array(value) FROM json_each("ClusterSettings"."cniUrls") WHERE type = 'text') WHERE "cniUrls" IS NOT NULL AND EXISTS (SELECT 1 FROM json_each("ClusterSettings"."cniUrls") WHERE type <> 'text');
UPDATE "ClusterSettings" SET "additionalSans" = '[]' WHERE "additionalSans" IS NOT NULL AND (json_valid("additionalSans") = 0 OR CASE WHEN json_valid("additionalSans") THEN json_type("additionalSans") END <> 'array');
UPDATE "ClusterSettings" SET "additionalSans" = (SELECT json_group_array(value) FROM json_each("ClusterSettings"."additionalSans") WHERE type = 'text') WHERE "additionalSans" IS NOT NULL AND EXISTS (SELECT 1 FROM json_each("ClusterSettings"."additionalSans") WHERE type <> 'text');
UPDATE "NetworkSettings" SET "dnsServers" = '[]' WHERE "dnsServers" IS NOT NULL AND (json_valid("dnsServers") = 0 OR CASE WHEN json_valid("dnsServers") THEN json_type("dnsServers") END <> 'array');
UPDATE "NetworkSettings" SET "dnsServers" = (SELECT json_group_array(value) FROM json_each("NetworkSettings"."dnsServers") WHERE type = 'text') WHERE "dnsServers" IS NOT NULL AND EXISTS (SELECT 1 FROM json_each("NetworkSettings"."dnsServers") WHERE type <> 'text');
UPDATE "Webhook" SET "events" = '[]' WHERE "events" IS NOT NULL AND (json_valid("events") = 0 OR CASE WHEN json_valid("events") THEN json_type("events") END <> 'array');
UPDATE "Webhook" SET "events" = (SELECT json_group_array(value) FROM json_each("Webhook"."events") WHERE type = 'text') WHERE "events" IS NOT NULL AND EXISTS (SELECT 1 FROM json_each("Webhook"."events") WHERE type <> 'text');
UPDATE "ApprovalRule" SET "sourceSubnets" = NULL WHERE "sourceSubnets" IS NOT NULL AND (json_valid("sourceSubnets") = 0 OR CASE WHEN json_valid("sourceSubnets") THEN json_type("sourceSubnets") END <> 'array');
UPDATE "ApprovalRule" SET "sourceSubnets" = (SELECT json_group_array(value) FROM json_each("ApprovalRule"."sourceSubnets") WHERE type = 'text') WHERE "sourceSubnets" IS NOT NULL AND EXISTS (SELECT 1 FROM json_each("ApprovalRule"."sourceSubnets") WHERE type <> 'text');

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
    "podSubnets" JSONB NOT NULL,
    "serviceSubnets" JSONB NOT NULL,
    "cniName" TEXT NOT NULL DEFAULT 'flannel',
    "cniUrls" JSONB NOT NULL,
    "dnsDomain" TEXT NOT NULL DEFAULT 'cluster.local',
    "additionalSans" JSONB NOT NULL,
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
INSERT INTO "new_ClusterSettings" ("additionalSans", "allowSchedulingOnControlPlanes", "approvalProof", "autoBootstrap", "bootstrapAttempts", "bootstrapClaimedUntil", "bootstrapDeviceId", "bootstrapLastError", "bootstrapNextAttemptAt", "bootstrapState", "bootstrappedAt", "cniName", "cniUrls", "configPatch", "controlPlaneConfigEnc", "controlPlanePatch", "createdAt", "dnsDomain", "endpoint", "generatedAt", "generator", "health", "healthUpdatedAt", "id", "installDisk", "installImage", "kubeconfigTtlHours", "kubernetesVersion", "name", "podSubnets", "secretsEnc", "secretsGeneratedAt", "serviceSubnets", "talosVersion", "talosconfigEnc", "updatedAt", "workerConfigEnc", "workerPatch") SELECT "additionalSans", "allowSchedulingOnControlPlanes", "approvalProof", "autoBootstrap", "bootstrapAttempts", "bootstrapClaimedUntil", "bootstrapDeviceId", "bootstrapLastError", "bootstrapNextAttemptAt", "bootstrapState", "bootstrappedAt", "cniName", "cniUrls", "configPatch", "controlPlaneConfigEnc", "controlPlanePatch", "createdAt", "dnsDomain", "endpoint", "generatedAt", "generator", "health", "healthUpdatedAt", "id", "installDisk", "installImage", "kubeconfigTtlHours", "kubernetesVersion", "name", "podSubnets", "secretsEnc", "secretsGeneratedAt", "serviceSubnets", "talosVersion", "talosconfigEnc", "updatedAt", "workerConfigEnc", "workerPatch" FROM "ClusterSettings";
DROP TABLE "ClusterSettings";
ALTER TABLE "new_ClusterSettings" RENAME TO "ClusterSettings";
CREATE TABLE "new_NetworkSettings" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "interface" TEXT NOT NULL,
    "serverIp" TEXT NOT NULL,
    "httpBaseUrl" TEXT NOT NULL,
    "dhcpMode" TEXT NOT NULL DEFAULT 'full',
    "dhcpRangeStart" TEXT NOT NULL,
    "dhcpRangeEnd" TEXT NOT NULL,
    "netmask" TEXT NOT NULL DEFAULT '255.255.255.0',
    "gateway" TEXT,
    "dnsServers" JSONB NOT NULL,
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
    "registrationBurst" INTEGER NOT NULL DEFAULT 10,
    "registrationsPerMinute" INTEGER NOT NULL DEFAULT 10,
    "maxPendingDevices" INTEGER NOT NULL DEFAULT 5000,
    "maxHeldDownloads" INTEGER NOT NULL DEFAULT 100,
    "eventRetentionDays" INTEGER NOT NULL DEFAULT 90,
    "tokenRetentionDays" INTEGER NOT NULL DEFAULT 7,
    "deliveryRetentionDays" INTEGER NOT NULL DEFAULT 30,
    "identityCheck" TEXT NOT NULL DEFAULT 'strict',
    "appliedAt" DATETIME,
    "appliedHash" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_NetworkSettings" ("allowMacOnlyDownload", "appliedAt", "appliedHash", "arm64Binary", "assetSource", "createdAt", "deliveryRetentionDays", "dhcpMode", "dhcpRangeEnd", "dhcpRangeStart", "dnsEnabled", "dnsServers", "domain", "eventRetentionDays", "extraKernelArgs", "factorySchematic", "gateway", "httpBaseUrl", "id", "identityCheck", "interface", "ipxePollSeconds", "leaseTime", "maxHeldDownloads", "maxPendingDevices", "netmask", "pendingHoldSeconds", "provisionWindowMinutes", "registrationBurst", "registrationsPerMinute", "serverIp", "tftpEnabled", "tokenRetentionDays", "uefiBinary", "updatedAt") SELECT "allowMacOnlyDownload", "appliedAt", "appliedHash", "arm64Binary", "assetSource", "createdAt", "deliveryRetentionDays", "dhcpMode", "dhcpRangeEnd", "dhcpRangeStart", "dnsEnabled", "dnsServers", "domain", "eventRetentionDays", "extraKernelArgs", "factorySchematic", "gateway", "httpBaseUrl", "id", "identityCheck", "interface", "ipxePollSeconds", "leaseTime", "maxHeldDownloads", "maxPendingDevices", "netmask", "pendingHoldSeconds", "provisionWindowMinutes", "registrationBurst", "registrationsPerMinute", "serverIp", "tftpEnabled", "tokenRetentionDays", "uefiBinary", "updatedAt" FROM "NetworkSettings";
DROP TABLE "NetworkSettings";
ALTER TABLE "new_NetworkSettings" RENAME TO "NetworkSettings";
CREATE TABLE "new_Webhook" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "secretEnc" TEXT NOT NULL,
    "events" JSONB NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Webhook" ("createdAt", "enabled", "events", "id", "name", "secretEnc", "updatedAt", "url") SELECT "createdAt", "enabled", "events", "id", "name", "secretEnc", "updatedAt", "url" FROM "Webhook";
DROP TABLE "Webhook";
ALTER TABLE "new_Webhook" RENAME TO "Webhook";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

