import { access, chmod, mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { writeFileAtomic } from "@/lib/compile/write-file-atomic";
import { AppError } from "@/lib/domain/errors";
import { arm64BootFileName } from "@/lib/domain/dnsmasq/build-dnsmasq-model";
import { paths } from "@/lib/paths";

export type PrepareTftpRootOptions = { uefiBinary: string; arm64Binary: string | null };

// Debian's ipxe package ships these; ipxe.efi is a symlink into /boot, so files are read (following
// links) and written as plain files. dnsmasq drops to `nobody` and serves TFTP as that user, so
// everything must be world-readable.
const firstStage = ["undionly.kpxe", "ipxe.efi", "snponly.efi"];

const exists = (file: string) => access(file).then(() => true, () => false);

const firstExisting = async (files: string[]): Promise<string | null> => {
  for (const file of files) if (await exists(file)) return file;

  return null;
};

const copyInto = async (source: string, name: string): Promise<void> => {
  const data = await readFile(source).catch(() => {
    throw new AppError("validation_failed", `iPXE binary not found: ${source} (install Debian's ipxe package or set KTIZO_IPXE_DIR)`);
  });
  await writeFileAtomic(path.join(paths().tftpRoot, name), data, { mode: 0o644 });
};

export const prepareTftpRoot = async ({ uefiBinary, arm64Binary }: PrepareTftpRootOptions): Promise<string[]> => {
  const { tftpRoot, ipxeSourceDir } = paths();
  await mkdir(tftpRoot, { recursive: true, mode: 0o755 });
  await chmod(tftpRoot, 0o755);
  const required = new Set(["undionly.kpxe", uefiBinary]);
  const copied: string[] = [];
  for (const name of firstStage) {
    const source = path.join(/*turbopackIgnore: true*/ ipxeSourceDir, name);
    if (!required.has(name) && !(await exists(source))) continue;
    await copyInto(source, name);
    copied.push(name);
  }
  const arm64Name = arm64BootFileName(arm64Binary);
  if (arm64Binary && arm64Name) {
    // An absolute path is a file on this host; a bare name is looked up in the iPXE directory,
    // then in the TFTP root (where an admin may have placed it by hand).
    const candidates = path.isAbsolute(arm64Binary)
      ? [arm64Binary]
      : [path.join(ipxeSourceDir, arm64Binary), path.join(tftpRoot, arm64Binary)];
    const found = await firstExisting(candidates);
    if (!found) throw new AppError("validation_failed", `arm64 iPXE binary not found: ${candidates.join(" or ")}`);
    await copyInto(found, arm64Name);
    copied.push(arm64Name);
  }

  return copied;
};
