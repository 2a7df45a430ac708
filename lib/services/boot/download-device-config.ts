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
import { countConfigDownload } from "@/lib/metrics/count";
import type { DroppedField } from "@/lib/schemas/device";
import { holdSlot } from "./held-downloads";

export type DownloadDeviceConfigOptions = {
  mac: string;
  token?: string;
  uuid?: string;
  serial?: string;
  dropped?: DroppedField[];
  sourceIp: string | null;
  signal?: AbortSignal;
};

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
export const downloadDeviceConfig = async (options: DownloadDeviceConfigOptions): Promise<string> => {
  const slot = holdSlot();
  try {
    return await downloadHeld(options, slot);
  } finally {
    slot.release();
  }
};

const downloadHeld = async ({ mac, token, uuid, serial, dropped, sourceIp, signal }: DownloadDeviceConfigOptions, slot: ReturnType<typeof holdSlot>): Promise<string> => {
  const settings = await loadBootSettings();
  const holdUntil = Date.now() + settings.pendingHoldSeconds * 1000;
  let device = await findDevice(mac);
  const tokenRow: BootToken | null =
    token && device ? await prisma.bootToken.findFirst({ where: { tokenHash: hashToken(token), deviceId: device.id } }) : null;
  const tokenState: TokenState = tokenStateOf(Boolean(token), tokenRow, new Date());

  for (;;) {
    const mayHold = Date.now() < holdUntil && !signal?.aborted;
    const decision = decideDownload({ device: device && deviceBootState(device), token: tokenState, allowMacOnlyDownload: settings.allowMacOnlyDownload, mayHold });
    if (decision.kind === "register") {
      const { device: created } = await registerDevice({ mac, uuid, serial, dropped, sourceIp, via: "download" });

      return refuse(created, decision.reason, sourceIp);
    }
    if (decision.kind === "refuse") return refuse(device, decision.reason, sourceIp);
    if (decision.kind === "serve" && device) {
      const yaml = await buildDeviceConfig(device);
      await commitDownload({ device, tokenId: decision.source === "token" ? (tokenRow?.id ?? null) : null, source: decision.source, sourceIp });
      countConfigDownload("served");

      return yaml;
    }
    // Hold: a pending device's request stays open until a decision or the hold runs out, woken
    // by change notifications (device-change-notifier.ts), within the held-download cap.
    await slot.acquire({ max: settings.maxHeldDownloads, sourceIp });
    await waitForDeviceChange({ deviceId: device!.id, knownStatus: device!.status, ms: Math.max(0, holdUntil - Date.now()), signal });
    device = await findDevice(mac);
  }
};
