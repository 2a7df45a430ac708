import { hashToken } from "@/lib/auth/tokens";
import { decideDownload, tokenStateOf, type TokenState } from "@/lib/domain/boot/decide-download";
import { AppError } from "@/lib/domain/errors";
import { prisma } from "@/lib/db/client";
import type { BootToken } from "@/lib/generated/prisma/client";
import { recordEvent } from "@/lib/events/record-event";
import { buildDeviceConfig } from "@/lib/services/cluster";
import type { DeviceWithGroup } from "@/lib/services/devices";
import { waitForDeviceChange } from "@/lib/services/devices";
import { loadBootSettings } from "./load-boot-settings";
import { registerDevice } from "./register-device";
import { deviceBootState } from "./serve-boot-script";
import { commitDownload } from "./commit-config-download";
import { checkConsoleCodeBearer, consumeConsoleCodeBearer } from "./oauth-check-bearer";
import { countConfigDownload } from "@/lib/metrics/count";

export type DownloadDeviceConfigOptions = {
  mac: string;
  token?: string;
  uuid?: string;
  serial?: string;
  // "Authorization: Bearer …" of a device in console-code mode (oauth-check-bearer.ts).
  bearer?: string;
  sourceIp: string | null;
  signal?: AbortSignal;
};

// A held request re-reads the device this often even without an in-process notification.
const holdPollMs = 250;

const findDevice = (mac: string): Promise<DeviceWithGroup | null> => prisma.device.findUnique({ where: { mac }, include: { group: true } });

const refuse = async (device: { id: string; mac: string } | null, reason: string, sourceIp: string | null): Promise<never> => {
  await recordEvent({
    type: "config.refused",
    actor: device ? { type: "device", id: device.id, name: device.mac } : { type: "system", name: "ktizo" },
    sourceIp,
    deviceId: device?.id ?? null,
    details: { reason },
  });
  countConfigDownload("refused");
  throw new AppError("forbidden", reason);
};

// GET|POST /api/v1/config/download: the gate of PRODUCT.md §2 step 4. Never returns a config to a
// device that is not approved, or without a valid token (unless MAC-only download is enabled).
export const downloadDeviceConfig = async ({ mac, token, uuid, serial, bearer, sourceIp, signal }: DownloadDeviceConfigOptions): Promise<string> => {
  const settings = await loadBootSettings();
  const holdUntil = Date.now() + settings.pendingHoldSeconds * 1000;
  let device = await findDevice(mac);
  const tokenRow: BootToken | null =
    token && device ? await prisma.bootToken.findFirst({ where: { tokenHash: hashToken(token), deviceId: device.id } }) : null;
  const tokenState: TokenState = tokenStateOf(Boolean(token), tokenRow, new Date());
  const consoleCode = device ? await checkConsoleCodeBearer({ device, bearer }) : null;
  if (consoleCode && !consoleCode.ok) return refuse(device, consoleCode.reason, sourceIp);

  for (;;) {
    const mayHold = Date.now() < holdUntil && !signal?.aborted;
    const decision = decideDownload({ device: device && deviceBootState(device), token: tokenState, allowMacOnlyDownload: settings.allowMacOnlyDownload, mayHold });
    if (decision.kind === "register") {
      const { device: created } = await registerDevice({ mac, uuid, serial, sourceIp, via: "download" });

      return refuse(created, decision.reason, sourceIp);
    }
    if (decision.kind === "refuse") return refuse(device, decision.reason, sourceIp);
    if (decision.kind === "serve" && device) {
      const yaml = await buildDeviceConfig(device);
      if (consoleCode?.ok && consoleCode.authorizationId && !(await consumeConsoleCodeBearer(consoleCode.authorizationId))) {
        return refuse(device, "bearer token already used", sourceIp);
      }
      await commitDownload({ device, tokenId: decision.source === "token" ? (tokenRow?.id ?? null) : null, source: decision.source, sourceIp });
      countConfigDownload("served");

      return yaml;
    }
    // Hold: a pending device's request stays open until a decision or the hold runs out.
    await waitForDeviceChange(device!.id, Math.min(holdPollMs, Math.max(0, holdUntil - Date.now())), signal);
    device = await findDevice(mac);
  }
};
