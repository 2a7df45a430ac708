import { stat } from "node:fs/promises";
import path from "node:path";
import { bareFileNamePattern } from "@/lib/domain/bare-file-name";
import { AppError } from "@/lib/domain/errors";
import { paths } from "@/lib/paths";

// An admin names an iPXE binary only by a bare file name inside KTIZO_IPXE_DIR: never a path, so no
// admin value can make ktizo copy a host file (/proc/self/environ, the secret key, ...) into the
// TFTP root, from where TFTP and /api/v1/assets/ipxe serve it to anyone on the network.
// The file inside the iPXE directory, or null when the name is not bare or names no regular file.
// Symlinks are followed: Debian's ipxe.efi links into /boot, and the directory is the host
// operator's, not the admin's.
export const findIpxeBinary = async (name: string): Promise<string | null> => {
  if (!bareFileNamePattern.test(name)) return null;
  const dir = paths().ipxeSourceDir;
  const file = path.join(/*turbopackIgnore: true*/ dir, name);
  if (path.dirname(file) !== dir) return null;
  const info = await stat(file).catch(() => null);

  return info?.isFile() ? file : null;
};

// Save and Apply both call this: a 422 naming the field, before anything is stored or copied.
export const assertIpxeBinaryExists = async ({ field, name }: { field: string; name: string }): Promise<string> => {
  const found = await findIpxeBinary(name);
  if (found) return found;
  const message = `${field} must name a file in the iPXE directory ${paths().ipxeSourceDir} (KTIZO_IPXE_DIR); "${name.slice(0, 128)}" is not there`;
  throw new AppError("validation_failed", message, [{ path: field, message }]);
};
