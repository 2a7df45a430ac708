// Where a machine fetches Talos's kernel and initramfs. iPXE always loads them over plain http
// from ktizo itself (Debian's iPXE has no HTTPS); ktizo serves local files or fetches them from
// Image Factory into its cache, so machines never need to reach the internet or speak TLS.
export const assetArches = ["amd64", "arm64"] as const;
export type AssetArch = (typeof assetArches)[number];

// The closed set of file names the asset route serves; anything else is a 404 (no path traversal).
export const assetFileNames = ["vmlinuz-amd64", "vmlinuz-arm64", "initramfs-amd64.xz", "initramfs-arm64.xz"] as const;
export type AssetFileName = (typeof assetFileNames)[number];

export const talosVersionPattern = /^v\d{1,3}\.\d{1,3}\.\d{1,3}$/;

export type BootAssetUrlsOptions = { httpBaseUrl: string; talosVersion: string; arch: AssetArch };

export const bootAssetUrls = ({ httpBaseUrl, talosVersion, arch }: BootAssetUrlsOptions) => {
  const base = `${httpBaseUrl.replace(/\/+$/, "")}/api/v1/assets/talos/${talosVersion}`;
  const initrdName = `initramfs-${arch}.xz`;

  return { kernel: `${base}/vmlinuz-${arch}`, initrd: `${base}/${initrdName}`, initrdName };
};

export type AssetRef = { talosVersion: string; fileName: AssetFileName; arch: AssetArch; kind: "kernel" | "initramfs" };

// Validates the two URL segments of /api/v1/assets/talos/<version>/<file>; null means 404.
export const parseAssetRef = (talosVersion: string, fileName: string): AssetRef | null => {
  if (!talosVersionPattern.test(talosVersion)) return null;
  if (!(assetFileNames as readonly string[]).includes(fileName)) return null;
  const name = fileName as AssetFileName;
  const arch: AssetArch = name.includes("arm64") ? "arm64" : "amd64";

  return { talosVersion, fileName: name, arch, kind: name.startsWith("vmlinuz") ? "kernel" : "initramfs" };
};

export const schematicPattern = /^[0-9a-f]{64}$/;

// Talos 1.x's vanilla schematic (no extensions, no extra kernel args).
export const vanillaSchematic = "376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba";

export type FactoryAssetUrlOptions = { factoryUrl: string; schematic: string; ref: AssetRef };

// Image Factory names the kernel `kernel-<arch>`; ktizo serves it as `vmlinuz-<arch>`.
export const factoryAssetUrl = ({ factoryUrl, schematic, ref }: FactoryAssetUrlOptions): string => {
  const file = ref.kind === "kernel" ? `kernel-${ref.arch}` : `initramfs-${ref.arch}.xz`;

  return `${factoryUrl.replace(/\/+$/, "")}/image/${schematic}/${ref.talosVersion}/${file}`;
};
