import { describe, expect, it } from "vitest";
import { bootAssetUrls, factoryAssetUrl, parseAssetRef, vanillaSchematic } from "@/lib/domain/boot-assets";

describe("bootAssetUrls", () => {
  it.each([
    ["http://10.0.0.1:3100", "amd64"],
    ["http://10.0.0.1:3100/", "arm64"],
  ] as const)("builds plain-http URLs on ktizo for %s %s", (httpBaseUrl, arch) => {
    const urls = bootAssetUrls({ httpBaseUrl, talosVersion: "v1.11.5", arch });
    expect(urls).toEqual({
      kernel: `http://10.0.0.1:3100/api/v1/assets/talos/v1.11.5/vmlinuz-${arch}`,
      initrd: `http://10.0.0.1:3100/api/v1/assets/talos/v1.11.5/initramfs-${arch}.xz`,
      initrdName: `initramfs-${arch}.xz`,
    });
  });
});

describe("parseAssetRef", () => {
  it.each([
    ["v1.11.5", "vmlinuz-amd64", { arch: "amd64", kind: "kernel" }],
    ["v1.11.5", "initramfs-arm64.xz", { arch: "arm64", kind: "initramfs" }],
  ])("accepts %s/%s", (version, file, expected) => {
    expect(parseAssetRef(version, file)).toMatchObject({ talosVersion: version, fileName: file, ...expected });
  });

  it.each([
    ["..", "vmlinuz-amd64"],
    ["v1.11.5/..", "vmlinuz-amd64"],
    ["1.11.5", "vmlinuz-amd64"],
    ["v1.11.5", "../../secret.key"],
    ["v1.11.5", "vmlinuz-amd64.sig"],
    ["v1.11.5", "initramfs-riscv64.xz"],
    ["v1.11.5\n", "vmlinuz-amd64"],
  ])("refuses %j / %j", (version, file) => {
    expect(parseAssetRef(version, file)).toBeNull();
  });
});

describe("factoryAssetUrl", () => {
  it("maps vmlinuz to Image Factory's kernel name", () => {
    const ref = parseAssetRef("v1.11.5", "vmlinuz-arm64")!;
    expect(factoryAssetUrl({ factoryUrl: "https://factory.talos.dev/", schematic: vanillaSchematic, ref })).toBe(
      `https://factory.talos.dev/image/${vanillaSchematic}/v1.11.5/kernel-arm64`,
    );
  });

  it("keeps the initramfs name", () => {
    const ref = parseAssetRef("v1.11.5", "initramfs-amd64.xz")!;
    expect(factoryAssetUrl({ factoryUrl: "http://127.0.0.1:9", schematic: "ab".repeat(32), ref })).toBe(
      `http://127.0.0.1:9/image/${"ab".repeat(32)}/v1.11.5/initramfs-amd64.xz`,
    );
  });
});
