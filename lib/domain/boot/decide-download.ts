import type { BootDeviceState } from "@/lib/domain/boot/decide-boot";

// The gate in front of a machine config (docs/devices.md, config download). Pure: the service looks up
// the device and the token row, this says what to do with them.
export type TokenRow = { expiresAt: Date; usedAt: Date | null; voidedAt: Date | null };

// unknown: the token is another device's; replaced: no device holds it (a newer script of this
// device replaced it in place, boot-tokens.ts, or it was never issued).
export type TokenState = "missing" | "valid" | "unknown" | "replaced" | "used" | "expired";

export const tokenStateOf = (presented: boolean, row: TokenRow | null, now: Date, heldByOtherDevice = false): TokenState => {
  if (!presented) return "missing";
  if (!row) return heldByOtherDevice ? "unknown" : "replaced";
  if (row.usedAt || row.voidedAt) return "used";
  if (row.expiresAt.getTime() <= now.getTime()) return "expired";

  return "valid";
};

// Why a download was refused, as a closed set: the label of ktizo_config_refusals_total and the
// `code` of the refusal event. wrong-ip / wrong-device / unverified come from the identity check.
export const refusalCodes = ["unknown-device", "pending", "rejected", "local", "used", "expired", "not-current", "wrong-device", "wrong-ip", "unverified", "no-token", "provisioned", "bearer"] as const;
export type RefusalCode = (typeof refusalCodes)[number];

export type DownloadDecision =
  | { kind: "register"; code: "unknown-device"; reason: string }
  | { kind: "hold"; reason: string }
  | { kind: "refuse"; code: RefusalCode; reason: string }
  | { kind: "serve"; source: "token" | "mac-only" };

type DecideDownloadOptions = {
  device: BootDeviceState | null;
  token: TokenState;
  allowMacOnlyDownload: boolean;
  // False once the pending hold has run out (or is not wanted): then a pending device is refused.
  mayHold: boolean;
};

const tokenReasons: Record<Exclude<TokenState, "valid" | "missing">, { code: RefusalCode; reason: string }> = {
  unknown: { code: "wrong-device", reason: "token is not valid for this device" },
  replaced: { code: "not-current", reason: "token is not this device's current token: a newer boot script replaced it, or it was never issued (boot the machine again)" },
  used: { code: "used", reason: "token was already used" },
  expired: { code: "expired", reason: "token has expired: boot the machine again to get a new one" },
};

export const decideDownload = ({ device, token, allowMacOnlyDownload, mayHold }: DecideDownloadOptions): DownloadDecision => {
  if (!device) return { kind: "register", code: "unknown-device", reason: "unknown device: registered as pending approval" };
  if (device.status === "rejected") return { kind: "refuse", code: "rejected", reason: "device is rejected" };
  if (device.status === "pending") {
    return mayHold ? { kind: "hold", reason: "waiting for approval" } : { kind: "refuse", code: "pending", reason: "device is pending approval" };
  }
  // The boot action is checked before the token: a machine set to boot locally gets nothing, even
  // with a token it was given before the change.
  if (device.bootAction === "local") return { kind: "refuse", code: "local", reason: "boot action is local" };
  if (token === "valid") return { kind: "serve", source: "token" };
  if (token !== "missing") return { kind: "refuse", ...tokenReasons[token] };
  if (!allowMacOnlyDownload) return { kind: "refuse", code: "no-token", reason: "a token is required (MAC-only download is disabled)" };
  if (device.provisionedAt && device.bootAction !== "reinstall") {
    return { kind: "refuse", code: "provisioned", reason: "device is already provisioned: request a reinstall" };
  }

  return { kind: "serve", source: "mac-only" };
};
