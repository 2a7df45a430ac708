import path from "node:path";
import { serveFile } from "@/lib/assets/serve-file";
import { paths } from "@/lib/paths";

// UEFI HTTP boot clients fetch the first-stage iPXE over HTTP instead of TFTP; the names are a
// closed set (no path from the URL ever reaches the filesystem).
const servable = new Set(["undionly.kpxe", "ipxe.efi", "snponly.efi", "ipxe-arm64.efi"]);

export const serveIpxeBinary = async ({ file, req }: { file: string; req: Request }): Promise<Response | null> =>
  servable.has(file) ? serveFile({ file: path.join(paths().tftpRoot, file), req, cacheControl: "no-cache" }) : null;
