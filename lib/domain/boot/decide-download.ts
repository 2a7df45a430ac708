import type { BootDeviceState } from "@/lib/domain/boot/decide-boot";

// The gate in front of a machine config (docs/devices.md, config download). Pure: the service looks up
// the device and the token row, this says what to do with them.
export type TokenRow = { expiresAt: Date; usedAt: Date | null; voidedAt: Date | null };

export type TokenState = "missing" | "valid" | "unknown" | "used" | "expired";

export const tokenStateOf = (presented: boolean, row: TokenRow | null, now: Date): TokenState => {
  if (!presented) return "missing";
  if (!row) return "unknown";
  if (row.usedAt || row.voidedAt) return "used";
  if (row.expiresAt.getTime() <= now.getTime()) return "expired";

  return "valid";
};

export type DownloadDecision =
  | { kind: "register"; reason: string }
  | { kind: "hold"; reason: string }
  | { kind: "refuse"; reason: string }
  | { kind: "serve"; source: "token" | "mac-only" };

type DecideDownloadOptions = {
  device: BootDeviceState | null;
  token: TokenState;
  allowMacOnlyDownload: boolean;
  // False once the pending hold has run out (or is not wanted): then a pending device is refused.
  mayHold: boolean;
};

const tokenReasons: Record<Exclude<TokenState, "valid" | "missing">, string> = {
  unknown: "token is not valid for this device",
  used: "token was already used",
  expired: "token has expired: boot the machine again to get a new one",
};

export const decideDownload = ({ device, token, allowMacOnlyDownload, mayHold }: DecideDownloadOptions): DownloadDecision => {
  if (!device) return { kind: "register", reason: "unknown device: registered as pending approval" };
  if (device.status === "rejected") return { kind: "refuse", reason: "device is rejected" };
  if (device.status === "pending") {
    return mayHold ? { kind: "hold", reason: "waiting for approval" } : { kind: "refuse", reason: "device is pending approval" };
  }
  if (token === "valid") return { kind: "serve", source: "token" };
  if (token !== "missing") return { kind: "refuse", reason: tokenReasons[token] };
  if (!allowMacOnlyDownload) return { kind: "refuse", reason: "a token is required (MAC-only download is disabled)" };
  if (device.bootAction === "local") return { kind: "refuse", reason: "boot action is local" };
  if (device.provisionedAt && device.bootAction !== "reinstall") {
    return { kind: "refuse", reason: "device is already provisioned: request a reinstall" };
  }

  return { kind: "serve", source: "mac-only" };
};
