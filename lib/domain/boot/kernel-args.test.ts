import { describe, expect, it } from "vitest";
import { configDownloadUrl, talosKernelArgs } from "@/lib/domain/boot/kernel-args";
import { talosArchOf } from "@/lib/domain/boot/talos-arch";

const configUrl = "http://10.0.0.2:3000/api/v1/config/download?mac=52:54:00:aa:bb:cc&token=abc";

describe("talosKernelArgs", () => {
  it("amd64 follows Image Factory's PXE command line and names the initrd", () => {
    const args = talosKernelArgs({ arch: "amd64", initrdName: "initramfs-amd64.xz", extraKernelArgs: "", configUrl, wipe: false });
    expect(args.join(" ")).toBe(
      "talos.platform=metal console=tty0 init_on_alloc=1 slab_nomerge pti=on consoleblank=0 nvme_core.io_timeout=4294967295 " +
        `printk.devkmsg=on selinux=1 initrd=initramfs-amd64.xz talos.config=${configUrl}`,
    );
  });

  it("arm64 adds the serial console first", () => {
    const args = talosKernelArgs({ arch: "arm64", initrdName: "initramfs-arm64.xz", extraKernelArgs: "", configUrl, wipe: false });
    expect(args.slice(0, 3)).toEqual(["talos.platform=metal", "console=ttyAMA0", "console=tty0"]);
    expect(args).toContain("initrd=initramfs-arm64.xz");
  });

  it("appends extra args and the wipe flag for a reinstall", () => {
    const args = talosKernelArgs({ arch: "amd64", initrdName: "i.xz", extraKernelArgs: "  console=ttyS0,115200   net.ifnames=0 ", configUrl, wipe: true });
    expect(args.slice(-4)).toEqual(["console=ttyS0,115200", "net.ifnames=0", `talos.config=${configUrl}`, "talos.experimental.wipe=system"]);
  });
});

describe("configDownloadUrl", () => {
  it("puts the MAC ktizo saw and the token in the query", () => {
    expect(configDownloadUrl({ httpBaseUrl: "http://10.0.0.2:3000/", mac: "52:54:00:aa:bb:cc", token: "t-_1" })).toBe(
      "http://10.0.0.2:3000/api/v1/config/download?mac=52:54:00:aa:bb:cc&token=t-_1",
    );
  });
});

describe("talosArchOf", () => {
  it.each([
    ["x86_64", "amd64"],
    ["i386", "amd64"],
    ["arm64", "arm64"],
    ["AARCH64", "arm64"],
    ["riscv64", "amd64"],
    [null, "amd64"],
  ])("%s → %s", (reported, expected) => {
    expect(talosArchOf(reported)).toBe(expected);
  });
});
