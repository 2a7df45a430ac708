import { chmod, chown, stat } from "node:fs/promises";
import path from "node:path";
import { makeDirectories } from "@/lib/compile/make-open-directory";

// The worker runs as root (dnsmasq needs it) while the web app may run as another user that must
// write into compiled/dnsmasq/. A directory the worker creates gets the owner of its parent, so
// starting the worker first never locks the web app out. `open`: the directories created are 0755
// whatever the umask, for the ones dnsmasq reads as nobody (lib/compile/make-open-directory.ts).
export const ensureDir = async (dir: string, { open = false }: { open?: boolean } = {}): Promise<void> => {
  const created = await makeDirectories(dir);
  if (created.length === 0) return;
  if (open) await Promise.all(created.map((each) => chmod(each, 0o755)));
  if (process.getuid?.() !== 0) return;
  const owner = await stat(path.dirname(created.at(-1)!));
  await Promise.all(created.map((each) => chown(each, owner.uid, owner.gid)));
};
