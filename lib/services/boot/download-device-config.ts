import { hashToken } from "@/lib/auth/tokens";
import { decideDownload, tokenStateOf, type TokenState } from "@/lib/domain/boot/decide-download";
import { checkSpend } from "@/lib/domain/identity/decide-identity";
import { findDeviceToken } from "@/lib/data/boot-tokens";
import { prisma } from "@/lib/db/client";
import type { BootToken } from "@/lib/generated/prisma/client";
import { buildDeviceConfig } from "@/lib/services/cluster";
import type { DeviceWithGroup } from "@/lib/services/devices";
import { waitForDeviceChange } from "@/lib/services/devices";
import { loadBootSettings } from "./load-boot-settings";
import { registerDevice } from "./register-device";
import { deviceBootState } from "./serve-boot-script";
import { commitDownload } from "./commit-config-download";
import { checkConsoleCodeBearer, consumeConsoleCodeBearer } from "./oauth-check-bearer";
import { countConfigDownload } from "@/lib/metrics/count";
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
  sourceIp: string | null;
  signal?: AbortSignal;
};

// A held request re-reads the device this often even without an in-process notification.
const holdPollMs = 250;

const findDevice = (mac: string): Promise<DeviceWithGroup | null> => prisma.device.findUnique({ where: { mac }, include: { group: true } });

// GET|POST /api/v1/config/download: the gate of PRODUCT.md §2 step 4. Never returns a config to a
// device that is not approved, or without a valid token (unless MAC-only download is enabled).
export const downloadDeviceConfig = async ({ mac, token, uuid, serial, bearer, sourceIp, signal }: DownloadDeviceConfigOptions): Promise<string> => {
  const settings = await loadBootSettings();
  const holdUntil = Date.now() + settings.pendingHoldSeconds * 1000;
  let device = await findDevice(mac);
  const tokenRow: BootToken | null =
    token && device ? await findDeviceToken({ tokenHash: hashToken(token), deviceId: device.id }) : null;
  const tokenState: TokenState = tokenStateOf(Boolean(token), tokenRow, new Date());
  const consoleCode = device ? await checkConsoleCodeBearer({ device, bearer }) : null;
  if (consoleCode && !consoleCode.ok) return refuseDownload({ device, code: "bearer", reason: consoleCode.reason, sourceIp });

  for (;;) {
    const mayHold = Date.now() < holdUntil && !signal?.aborted;
    const decision = decideDownload({ device: device && deviceBootState(device), token: tokenState, allowMacOnlyDownload: settings.allowMacOnlyDownload, mayHold });
    if (decision.kind === "register") {
      const { device: created } = await registerDevice({ mac, uuid, serial, sourceIp, via: "download" });

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
      const committed = await commitDownload({ device, tokenId: decision.source === "token" ? (tokenRow?.id ?? null) : null, source: decision.source, sourceIp });
      // A concurrent request spent the token first: refused as loudly as any other reuse.
      if (!committed) return refuseDownload({ device, code: "used", reason: "token was already used", sourceIp });
      countConfigDownload("served");

      return yaml;
    }
    // Hold: a pending device's request stays open until a decision or the hold runs out.
    await waitForDeviceChange(device!.id, Math.min(holdPollMs, Math.max(0, holdUntil - Date.now())), signal);
    device = await findDevice(mac);
  }
};
