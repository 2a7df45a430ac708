import path from "node:path";
import type { AssetBody } from "@/lib/assets/fetch-factory-asset";
import { paths } from "@/lib/paths";

// UEFI HTTP boot clients fetch the first-stage iPXE over HTTP instead of TFTP; the names are a
// closed set (no path from the URL ever reaches the filesystem), the same files Apply leaves in the
// TFTP root (lib/compile/prepare-tftp-root.ts).
const servable = new Set(["undionly.kpxe", "ipxe.efi", "snponly.efi", "ipxe-arm64.efi"]);

export const serveIpxeBinary = ({ file }: { file: string }): AssetBody | null =>
  servable.has(file) ? { kind: "file", file: path.join(paths().tftpRoot, file) } : null;
