import type { TalosArch } from "@/lib/domain/boot/talos-arch";

// Talos v1.11 metal PXE kernel command line, exactly as Image Factory builds it (https://github.com/siderolabs/image-factory/blob/main/internal/frontend/http/pxe.go).
const hardening = ["init_on_alloc=1", "slab_nomerge", "pti=on", "consoleblank=0", "nvme_core.io_timeout=4294967295", "printk.devkmsg=on", "selinux=1"];

export const baseKernelArgs: Record<TalosArch, readonly string[]> = {
  amd64: ["talos.platform=metal", "console=tty0", ...hardening],
  arm64: ["talos.platform=metal", "console=ttyAMA0", "console=tty0", ...hardening],
};

export type TalosKernelArgsOptions = {
  arch: TalosArch;
  initrdName: string;
  extraKernelArgs: string;
  configUrl: string;
  wipe: boolean;
};

// Order: Talos defaults, the initrd name (Debian's EFI iPXE needs it to hand the initrd over),
// the admin's extra args, then talos.config, and the wipe flag for a reinstall.
export const talosKernelArgs = ({ arch, initrdName, extraKernelArgs, configUrl, wipe }: TalosKernelArgsOptions): string[] => [
  ...baseKernelArgs[arch],
  `initrd=${initrdName}`,
  ...extraKernelArgs.split(/\s+/).filter(Boolean),
  `talos.config=${configUrl}`,
  ...(wipe ? ["talos.experimental.wipe=system"] : []),
];

type ConfigUrlOptions = { httpBaseUrl: string; mac: string; token: string };

// The MAC ktizo saw goes in the URL itself: Talos's own ${mac} may name another NIC (https://www.talos.dev/v1.11/reference/kernel/#talosconfig).
export const configDownloadUrl = ({ httpBaseUrl, mac, token }: ConfigUrlOptions): string =>
  `${httpBaseUrl.replace(/\/+$/, "")}/api/v1/config/download?mac=${mac}&token=${encodeURIComponent(token)}`;
