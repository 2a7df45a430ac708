import { decideBoot, type BootDeviceState } from "@/lib/domain/boot/decide-boot";
import { configDownloadUrl, talosKernelArgs } from "@/lib/domain/boot/kernel-args";
import { talosArchOf } from "@/lib/domain/boot/talos-arch";
import { bootAssetUrls } from "@/lib/domain/boot-assets";
import { exitScript, notReadyScript, rejectedScript, talosScript, waitingScript, type IpxeScript } from "@/lib/domain/ipxe/script-models";
import type { BootDevice } from "@/lib/data/boot-devices";
import { findBootScriptDevice, type LiveBootToken } from "@/lib/data/boot-script-device";
import type { MachineReport } from "@/lib/schemas/device";
import { countIpxeScript } from "@/lib/metrics/count";
import { loadBootSettings, type BootSettings } from "./load-boot-settings";
import { bootTokenFor, type BootToken } from "./boot-token";
import { noteKnownDevice } from "./note-known-device";
import { recordToldChange } from "./record-told-change";
import { registerDevice } from "./register-device";
import { renderBootScript } from "./render-boot-script";
import { toldOf } from "@/lib/domain/boot/told";
import { mintPolicy, type MintPolicy } from "@/lib/domain/identity/decide-identity";
import { recordPlainEvent } from "@/lib/events/record-plain-event";
import { checkIdentity } from "./check-identity";
import { noteIdentity } from "./note-identity";
import { approvalProofOfDevice } from "@/lib/data/approval-proof";
import { resolveApprovalProof, type ApprovalProof } from "@/lib/domain/oauth/approval-proof";
import { talosOauthKernelArgs } from "@/lib/domain/oauth/talos-oauth-args";
import { consoleCodeBoot } from "@/lib/domain/oauth/console-code-boot";

export type { BootDevice } from "@/lib/data/boot-devices";

export type ServeBootScriptOptions = {
  mac: string;
  machine: MachineReport;
  sourceIp: string | null;
  // Used for chain URLs only while no network settings exist yet.
  requestOrigin: string;
};

export const deviceBootState = (device: Pick<BootDevice, "status" | "bootAction" | "provisionedAt" | "role">): BootDeviceState => ({
  status: device.status as BootDeviceState["status"],
  bootAction: device.bootAction as BootDeviceState["bootAction"],
  provisionedAt: device.provisionedAt,
  role: device.role,
});

type BuildOptions = { device: BootDevice; settings: BootSettings; httpBaseUrl: string; wipe: boolean; boundIp: string | null; consoleCode: boolean; live: LiveBootToken | null };

const buildTalosScript = async ({ device, settings, httpBaseUrl, wipe, boundIp, consoleCode, live }: BuildOptions): Promise<{ script: IpxeScript; minted: BootToken }> => {
  const arch = talosArchOf(device.arch);
  const talosVersion = settings.talosVersion ?? "";
  const assets = bootAssetUrls({ httpBaseUrl, talosVersion, arch });
  const minted = await bootTokenFor({ deviceId: device.id, live, windowMinutes: settings.provisionWindowMinutes, boundIp });
  const configUrl = configDownloadUrl({ httpBaseUrl, mac: device.mac, token: minted.token });
  const kernelArgs = talosKernelArgs({ arch, initrdName: assets.initrdName, extraKernelArgs: settings.extraKernelArgs, configUrl, wipe });
  // Console-code mode: Talos runs the OAuth2 device flow against ktizo before it fetches talos.config.
  if (consoleCode) kernelArgs.push(...talosOauthKernelArgs({ httpBaseUrl, mac: device.mac }));
  const script = talosScript({ httpBaseUrl, mac: device.mac, talosVersion, kernelUrl: assets.kernel, initrdUrl: assets.initrd, initrdName: assets.initrdName, kernelArgs, wipe });

  return { script, minted };
};

// A known device's proof came with its read; a device registered by this request may have got a
// group from an approval rule, so it is read.
const approvalProofOf = (found: { approvalProof: { device: string | null; group: string | null } } | null, settings: BootSettings, id: string): Promise<ApprovalProof> | ApprovalProof =>
  found ? resolveApprovalProof({ ...found.approvalProof, cluster: settings.clusterApprovalProof }) : approvalProofOfDevice(id);

// GET /api/v1/boot/ipxe: record what the machine reported, decide (docs/devices.md), render.
// A Talos script (and its token) is given only when the request's source address is bound to the
// device's MAC, or as the network setting identityCheck allows (docs/security.md).
export const serveBootScript = async ({ mac, machine, sourceIp, requestOrigin }: ServeBootScriptOptions): Promise<string> => {
  const report = { mac, ...machine.report, dropped: machine.dropped, sourceIp, via: "ipxe" as const };
  // A known device is read (no write) and noted: its sighting is batched, only changes are written.
  // One prepared read: the device, its approval proof and its live token (boot-script-device.ts).
  const [found, settings] = await Promise.all([findBootScriptDevice(mac), loadBootSettings()]);
  const identity = await checkIdentity({ mac, sourceIp, dhcpMode: settings.dhcpMode, stage: found ? "script" : "register" });
  const known = found && (await noteKnownDevice({ device: found, report }));
  const readiness = { configGenerated: settings.configGenerated && Boolean(settings.talosVersion), networkConfigured: Boolean(settings.httpBaseUrl) };
  const device: BootDevice = known ?? (await registerDevice({ ...report, identity })).device;
  // An approval rule may have decided on a new device during registration: boot it as decided.
  const decided = known ?? (device.status === "pending" ? null : device);
  const byState = decideBoot(decided && deviceBootState(decided), readiness);
  // Console-code mode (docs/devices.md) only changes what a waiting or Talos-bound device gets.
  const consoleCode = (byState.script === "waiting" || byState.script === "talos") && (await approvalProofOf(found, settings, device.id)) === "console-code";
  const decision = consoleCode ? consoleCodeBoot(byState, readiness) : byState;
  const httpBaseUrl = settings.httpBaseUrl ?? requestOrigin;
  const pollSeconds = settings.pollSeconds;

  let minted: BootToken | null = null;
  let script: IpxeScript;
  const policy: MintPolicy | null = decision.script === "talos" ? mintPolicy({ mode: settings.identityCheck, verdict: identity, sourceIp }) : null;
  if (policy?.kind === "refuse") {
    // No token: the machine keeps polling, and the device page shows why.
    script = notReadyScript({ httpBaseUrl, mac, pollSeconds, reason: policy.reason });
  } else if (decision.script === "talos") {
    const boundIp = policy?.kind === "mint-ip" ? policy.ip : null;
    ({ script, minted } = await buildTalosScript({ device, settings, httpBaseUrl, wipe: decision.wipe, boundIp, consoleCode, live: found?.liveToken ?? null }));
  } else if (decision.script === "not-ready") {
    script = notReadyScript({ httpBaseUrl, mac, pollSeconds, reason: decision.reason });
  } else if (decision.script === "rejected") {
    script = rejectedScript({ mac });
  } else if (decision.script === "exit") {
    script = exitScript({ mac, reason: decision.reason });
  } else {
    script = waitingScript({ httpBaseUrl, mac, pollSeconds });
  }
  const body = await renderBootScript(script);
  await minted?.save?.();
  await noteIdentity({ device, verdict: identity, sourceIp, stage: "script" });
  const told = toldOf({ decision, policy, verdict: identity });
  const changed = await recordToldChange({ device, told, sourceIp });
  // A token only this address may spend: recorded when the device starts being told so, not per poll.
  if (changed && minted && policy?.kind === "mint-ip") {
    await recordPlainEvent({
      type: "boot.identity_unverified",
      actor: { type: "device", id: device.id, name: device.mac },
      sourceIp,
      deviceId: device.id,
      details: { mac: device.mac, boundIp: policy.ip, reason: identity.reason },
    });
  }
  countIpxeScript(told.script);

  return body;
};
