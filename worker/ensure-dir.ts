import { mkdir, stat, chown } from "node:fs/promises";
import path from "node:path";

// The worker runs as root (dnsmasq needs it) while the web app may run as another user that must
// write into compiled/dnsmasq/. A directory the worker creates gets the owner of its parent, so
// starting the worker first never locks the web app out.
export const ensureDir = async (dir: string): Promise<void> => {
  const created = await mkdir(dir, { recursive: true });
  if (!created || process.getuid?.() !== 0) return;
  const owner = await stat(path.dirname(created));
  let current = dir;
  const chain: string[] = [];
  while (current.length >= created.length) {
    chain.push(current);
    current = path.dirname(current);
  }
  await Promise.all(chain.map((each) => chown(each, owner.uid, owner.gid)));
};
