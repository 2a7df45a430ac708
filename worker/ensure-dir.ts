import { chmod, chown, mkdir, stat } from "node:fs/promises";
import path from "node:path";

// The worker runs as root (dnsmasq needs it) while the web app may run as another user that must
// write into compiled/dnsmasq/. A directory the worker creates gets the owner of its parent, so
// starting the worker first never locks the web app out. `open`: the directories created are 0755
// whatever the umask, for the ones dnsmasq reads as nobody (lib/compile/make-open-directory.ts).
export const ensureDir = async (dir: string, { open = false }: { open?: boolean } = {}): Promise<void> => {
  const created = await mkdir(dir, { recursive: true });
  if (!created) return;
  const chain: string[] = [];
  for (let current = dir; current.length >= created.length; current = path.dirname(current)) chain.push(current);
  if (open) await Promise.all(chain.map((each) => chmod(each, 0o755)));
  if (process.getuid?.() !== 0) return;
  const owner = await stat(path.dirname(created));
  await Promise.all(chain.map((each) => chown(each, owner.uid, owner.gid)));
};
