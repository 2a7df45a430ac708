-- Flood bounds (docs/flood-bounds.md). Written as ADD COLUMN, not the generated table redefinition,
-- so migrations from parallel branches that add other columns to the same tables compose.
ALTER TABLE "NetworkSettings" ADD COLUMN "registrationBurst" INTEGER NOT NULL DEFAULT 10;
ALTER TABLE "NetworkSettings" ADD COLUMN "registrationsPerMinute" INTEGER NOT NULL DEFAULT 10;
ALTER TABLE "NetworkSettings" ADD COLUMN "maxPendingDevices" INTEGER NOT NULL DEFAULT 5000;
ALTER TABLE "NetworkSettings" ADD COLUMN "maxHeldDownloads" INTEGER NOT NULL DEFAULT 100;
ALTER TABLE "NetworkSettings" ADD COLUMN "eventRetentionDays" INTEGER NOT NULL DEFAULT 90;
ALTER TABLE "NetworkSettings" ADD COLUMN "tokenRetentionDays" INTEGER NOT NULL DEFAULT 7;
ALTER TABLE "NetworkSettings" ADD COLUMN "deliveryRetentionDays" INTEGER NOT NULL DEFAULT 30;
ALTER TABLE "Device" ADD COLUMN "hostnameSuggested" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Device" ADD COLUMN "lastToldKey" TEXT;
CREATE INDEX "BootToken_expiresAt_idx" ON "BootToken"("expiresAt");
