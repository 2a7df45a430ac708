-- Identity binding (docs/security.md): per-device identity status, tokens bound to an address,
-- the network-wide identityCheck mode, and rules that name source subnets.
-- Plain ADD COLUMN statements (no table rebuild), so no column another migration adds is lost.

-- AlterTable
ALTER TABLE "Device" ADD COLUMN "identityCheckedAt" DATETIME;
ALTER TABLE "Device" ADD COLUMN "identityReason" TEXT;
ALTER TABLE "Device" ADD COLUMN "identityStatus" TEXT;

-- AlterTable
ALTER TABLE "BootToken" ADD COLUMN "boundIp" TEXT;

-- AlterTable
ALTER TABLE "NetworkSettings" ADD COLUMN "identityCheck" TEXT NOT NULL DEFAULT 'strict';

-- AlterTable
ALTER TABLE "ApprovalRule" ADD COLUMN "sourceSubnets" JSONB;
ALTER TABLE "ApprovalRule" ADD COLUMN "allowControlPlane" BOOLEAN NOT NULL DEFAULT false;
