import { chmod, mkdir } from "node:fs/promises";
import path from "node:path";

// mkdir -p that says what it created: `dir` and each parent that was missing, deepest first; empty
// when `dir` already existed.
export const makeDirectories = async (dir: string): Promise<string[]> => {
  const created = await mkdir(dir, { recursive: true });
  const levels: string[] = [];
  for (let level = dir; created !== undefined && level.length >= created.length; level = path.dirname(level)) levels.push(level);

  return levels;
};

// dnsmasq reads its TFTP root and its reservation files as user nobody, after it has given up root
// (lib/domain/dnsmasq/directory-access.ts). mkdir's mode is cut by the umask: under a hardened one
// (027, 077) the directories ktizo creates would be 0750 or 0700 and shut nobody out. So every
// directory this call creates, and `dir` itself, is set to 0755 explicitly. Directories that already
// existed above `dir` are the admin's and keep their mode.
export const makeOpenDirectory = async (dir: string): Promise<void> => {
  const created = await makeDirectories(dir);
  await Promise.all((created.length > 0 ? created : [dir]).map((level) => chmod(level, 0o755)));
};
