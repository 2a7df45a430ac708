import { randomBytes } from "node:crypto";
import { mkdir, open, rename, rm } from "node:fs/promises";
import path from "node:path";

// `mode`: the file's mode exactly, whatever the umask (files dnsmasq reads as nobody must be 0644
// under a hardened umask too, lib/compile/make-open-directory.ts; a key must be 0600). Without it,
// 0644 cut by the umask, as for any new file.
type WriteFileAtomicOptions = { mode?: number };

// Temp file in the same directory, fsync, then rename: readers (the worker, dnsmasq, a crash)
// only ever see the complete old or the complete new file. Errors propagate.
export const writeFileAtomic = async (target: string, data: string | Uint8Array, { mode }: WriteFileAtomicOptions = {}): Promise<void> => {
  const dir = path.dirname(target);
  await mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    const handle = await open(temp, "w", mode ?? 0o644);
    try {
      if (mode !== undefined) await handle.chmod(mode);
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
};
