import { hashToken } from "@/lib/auth/tokens";
import { decideDownload, tokenStateOf, type TokenState } from "@/lib/domain/boot/decide-download";
import { checkSpend } from "@/lib/domain/identity/decide-identity";
import { findDownloadDevice } from "@/lib/data/boot-devices";
import { findDeviceToken, isTokenOfAnyDevice, type BootTokenRow } from "@/lib/data/boot-tokens";
import { buildDeviceConfig } from "@/lib/services/cluster";
import { waitForDeviceChange } from "@/lib/services/devices";
import { loadBootSettings } from "./load-boot-settings";
import { registerDevice } from "./register-device";
import { deviceBootState } from "./serve-boot-script";
import { commitDownload } from "./commit-config-download";
import { checkConsoleCodeBearer, consumeConsoleCodeBearer } from "./oauth-check-bearer";
import { countConfigDownload } from "@/lib/metrics/count";
import type { DroppedField } from "@/lib/schemas/device";
import { holdSlot } from "./held-downloads";
import { checkIdentity } from "./check-identity";
import { noteIdentity } from "./note-identity";
import { refuseDownload } from "./refuse-download";

export type DownloadDeviceConfigOptions = {
  mac: string;
  token?: string;
  uuid?: string;
  serial?: string;
  // "Authorization: Bearer …" of a device in console-code mode (oauth-check-bearer.ts).
  bearer?: string;
  dropped?: DroppedField[];
  sourceIp: string | null;
  signal?: AbortSignal;
};

// GET|POST /api/v1/config/download: the gate (docs/security.md). Never returns a config to a
// device that is not approved, or without a valid token (unless MAC-only download is enabled).
export const downloadDeviceConfig = async (options: DownloadDeviceConfigOptions): Promise<string> => {
  const slot = holdSlot();
  try {
    return await downloadHeld(options, slot);
  } finally {
    slot.release();
  }
};

const downloadHeld = async ({ mac, token, uuid, serial, dropped, bearer, sourceIp, signal }: DownloadDeviceConfigOptions, slot: ReturnType<typeof holdSlot>): Promise<string> => {
  const settings = await loadBootSettings();
  const holdUntil = Date.now() + settings.pendingHoldSeconds * 1000;
  let device = await findDownloadDevice(mac);
  const tokenRow: BootTokenRow | null =
    token && device ? await findDeviceToken({ tokenHash: hashToken(token), deviceId: device.id }) : null;
  const heldElsewhere = Boolean(token && device && !tokenRow && isTokenOfAnyDevice(hashToken(token)));
  const tokenState: TokenState = tokenStateOf(Boolean(token), tokenRow, new Date(), heldElsewhere);
  const consoleCode = device ? await checkConsoleCodeBearer({ device, bearer }) : null;
  if (consoleCode && !consoleCode.ok) return refuseDownload({ device, code: "bearer", reason: consoleCode.reason, sourceIp });

  for (;;) {
    const mayHold = Date.now() < holdUntil && !signal?.aborted;
    const decision = decideDownload({ device: device && deviceBootState(device), token: tokenState, allowMacOnlyDownload: settings.allowMacOnlyDownload, mayHold });
    if (decision.kind === "register") {
      const { device: created } = await registerDevice({ mac, uuid, serial, dropped, sourceIp, via: "download" });

      return refuseDownload({ device: created, code: decision.code, reason: decision.reason, sourceIp });
    }
    if (decision.kind === "refuse") return refuseDownload({ device, code: decision.code, reason: decision.reason, sourceIp });
    if (decision.kind === "serve" && device) {
      // The source address must be bound to the device's MAC now (not necessarily the address the
      // script went to: Talos may have another DHCP address than iPXE had).
      const verdict = settings.identityCheck === "off" ? null : await checkIdentity({ mac, sourceIp, dhcpMode: settings.dhcpMode, stage: "download" });
      if (verdict) await noteIdentity({ device, verdict, sourceIp, stage: "download" });
      const spend = checkSpend({ mode: settings.identityCheck, verdict, boundIp: tokenRow?.boundIp ?? null, sourceIp });
      if (!spend.ok) return refuseDownload({ device, code: spend.reason, reason: spend.message, sourceIp });
      const yaml = await buildDeviceConfig(device);
      if (consoleCode?.ok && consoleCode.authorizationId && !(await consumeConsoleCodeBearer(consoleCode.authorizationId))) {
        return refuseDownload({ device, code: "bearer", reason: "bearer token already used", sourceIp });
      }
      const committed = await commitDownload({ device, token: decision.source === "token" ? tokenRow : null, source: decision.source, sourceIp });
      // A concurrent request spent the token first: refused as loudly as any other reuse.
      if (!committed) return refuseDownload({ device, code: "used", reason: "token was already used", sourceIp });
      countConfigDownload("served");

      return yaml;
    }
    // Hold: a pending device's request stays open until a decision or the hold runs out, woken
    // by change notifications (device-change-notifier.ts), within the held-download cap.
    await slot.acquire({ max: settings.maxHeldDownloads, sourceIp });
    await waitForDeviceChange({ deviceId: device!.id, knownStatus: device!.status, ms: Math.max(0, holdUntil - Date.now()), signal });
    device = await findDownloadDevice(mac);
  }
};
