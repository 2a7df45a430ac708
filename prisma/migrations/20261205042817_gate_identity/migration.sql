-- AlterTable
ALTER TABLE "Device" ADD COLUMN "identityCheckedAt" DATETIME;
ALTER TABLE "Device" ADD COLUMN "identityReason" TEXT;
ALTER TABLE "Device" ADD COLUMN "identityStatus" TEXT;

-- AlterTable
ALTER TABLE "BootToken" ADD COLUMN "boundIp" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
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
    "identityCheck" TEXT NOT NULL DEFAULT 'strict',
    "appliedAt" DATETIME,
    "appliedHash" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_NetworkSettings" ("allowMacOnlyDownload", "appliedAt", "appliedHash", "arm64Binary", "assetSource", "createdAt", "dhcpMode", "dhcpRangeEnd", "dhcpRangeStart", "dnsEnabled", "dnsServers", "domain", "extraKernelArgs", "factorySchematic", "gateway", "httpBaseUrl", "id", "interface", "ipxePollSeconds", "leaseTime", "netmask", "pendingHoldSeconds", "provisionWindowMinutes", "serverIp", "tftpEnabled", "uefiBinary", "updatedAt") SELECT "allowMacOnlyDownload", "appliedAt", "appliedHash", "arm64Binary", "assetSource", "createdAt", "dhcpMode", "dhcpRangeEnd", "dhcpRangeStart", "dnsEnabled", "dnsServers", "domain", "extraKernelArgs", "factorySchematic", "gateway", "httpBaseUrl", "id", "interface", "ipxePollSeconds", "leaseTime", "netmask", "pendingHoldSeconds", "provisionWindowMinutes", "serverIp", "tftpEnabled", "uefiBinary", "updatedAt" FROM "NetworkSettings";
DROP TABLE "NetworkSettings";
ALTER TABLE "new_NetworkSettings" RENAME TO "NetworkSettings";
CREATE TABLE "new_ApprovalRule" (
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
    "sourceSubnets" JSONB,
    "allowControlPlane" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ApprovalRule_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "DeviceGroup" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_ApprovalRule" ("action", "arch", "createdAt", "enabled", "groupId", "hostnamePattern", "id", "ipPoolEnd", "ipPoolStart", "macPattern", "matchCount", "maxMatches", "name", "ouiPrefix", "priority", "role", "serialPattern", "updatedAt", "uuidPattern") SELECT "action", "arch", "createdAt", "enabled", "groupId", "hostnamePattern", "id", "ipPoolEnd", "ipPoolStart", "macPattern", "matchCount", "maxMatches", "name", "ouiPrefix", "priority", "role", "serialPattern", "updatedAt", "uuidPattern" FROM "ApprovalRule";
DROP TABLE "ApprovalRule";
ALTER TABLE "new_ApprovalRule" RENAME TO "ApprovalRule";
CREATE INDEX "ApprovalRule_enabled_priority_idx" ON "ApprovalRule"("enabled", "priority");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

