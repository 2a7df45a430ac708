import { access, readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { makeOpenDirectory } from "@/lib/compile/make-open-directory";
import { writeFileAtomic } from "@/lib/compile/write-file-atomic";
import { AppError } from "@/lib/domain/errors";
import { arm64BootFileName } from "@/lib/domain/dnsmasq/build-dnsmasq-model";
import { assertIpxeBinaryExists } from "./ipxe-binary";
import { paths } from "@/lib/paths";

export type PrepareTftpRootOptions = { uefiBinary: string; arm64Binary: string | null };

// Debian's ipxe package ships these; ipxe.efi is a symlink into /boot, so files are read (following
// links) and written as plain files. dnsmasq drops to `nobody` and serves TFTP as that user, so
// everything must be world-readable.
const firstStage = ["undionly.kpxe", "ipxe.efi", "snponly.efi"];

const exists = (file: string) => access(file).then(() => true, () => false);

const copyInto = async (source: string, name: string): Promise<void> => {
  const data = await readFile(source).catch(() => {
    throw new AppError("validation_failed", `iPXE binary not found: ${source} (install Debian's ipxe package or set KTIZO_IPXE_DIR)`);
  });
  await writeFileAtomic(path.join(paths().tftpRoot, name), data, { mode: 0o644 });
};

export const prepareTftpRoot = async ({ uefiBinary, arm64Binary }: PrepareTftpRootOptions): Promise<string[]> => {
  const { tftpRoot, ipxeSourceDir } = paths();
  // Checked before anything is copied: a refused name leaves the TFTP root as it was.
  const arm64Name = arm64BootFileName(arm64Binary);
  const arm64Source = arm64Binary && arm64Name ? await assertIpxeBinaryExists({ field: "arm64Binary", name: arm64Binary }) : null;
  await makeOpenDirectory(tftpRoot);
  const required = new Set(["undionly.kpxe", uefiBinary]);
  const copied: string[] = [];
  for (const name of firstStage) {
    const source = path.join(/*turbopackIgnore: true*/ ipxeSourceDir, name);
    if (!required.has(name) && !(await exists(source))) continue;
    await copyInto(source, name);
    copied.push(name);
  }
  if (arm64Source && arm64Name) {
    // Only a bare name inside the iPXE directory (lib/compile/ipxe-binary.ts): never a host path.
    await copyInto(arm64Source, arm64Name);
    copied.push(arm64Name);
  }
  await removeOthers(tftpRoot, new Set(copied));

  return copied;
};

// dnsmasq serves everything in the TFTP root: whatever this apply did not put there (an older
// apply's arm64 binary, a file dropped in by hand) is removed, so only the closed set is served.
// A concurrent apply's temp copy of an allowed file (lib/compile/write-file-atomic.ts) is left alone.
const removeOthers = async (tftpRoot: string, keep: Set<string>) => {
  const isTempOfKept = (name: string) => {
    const match = /^\.(.+)\.[0-9a-f]{12}\.tmp$/.exec(name);

    return match !== null && keep.has(match[1]!);
  };
  for (const entry of await readdir(tftpRoot, { withFileTypes: true })) {
    if (!keep.has(entry.name) && !isTempOfKept(entry.name)) await rm(path.join(tftpRoot, entry.name), { recursive: true, force: true });
  }
};
