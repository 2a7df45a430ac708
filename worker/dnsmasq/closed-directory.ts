import { readFile, stat } from "node:fs/promises";
import { firstClosedLevel, levelsOf, modeText, type Account, type DirectoryLevel } from "@/lib/domain/dnsmasq/directory-access";

// dnsmasq's lines for a directory it was denied after giving up root (lib/domain/dnsmasq/directory-access.ts):
// its TFTP root (fatal: it exits) and a dhcp-hostsdir (it runs on without the reservations in it).
const deniedPatterns = { "tftp-root": /TFTP directory (.+) inaccessible: Permission denied/i, "hosts-dir": /bad dynamic directory (.+): Permission denied/i };
export type DeniedDirectory = { kind: keyof typeof deniedPatterns; dir: string };

export const deniedDirectoryIn = (line: string): DeniedDirectory | undefined => {
  for (const [kind, pattern] of Object.entries(deniedPatterns) as [DeniedDirectory["kind"], RegExp][]) {
    const dir = pattern.exec(line)?.[1];
    if (dir?.startsWith("/")) return { kind, dir };
  }

  return undefined;
};

// dnsmasq's default user and group (`man dnsmasq`, --user, --group: "dip" where it exists).
const dnsmasqAccount = async (): Promise<Account> => {
  const idOf = (file: string, name: string, field: number) =>
    readFile(file, "utf8").then(
      (text) => text.split("\n").map((line) => line.split(":")).find((fields) => fields[0] === name)?.[field],
      () => undefined,
    );
  const [uid, primaryGid, dipGid] = await Promise.all([idOf("/etc/passwd", "nobody", 2), idOf("/etc/passwd", "nobody", 3), idOf("/etc/group", "dip", 2)]);

  return { uid: Number(uid ?? 65534), gid: Number(dipGid ?? primaryGid ?? 65534) };
};

// The directory on the way to `dir` that keeps dnsmasq's user out, for the admin's message; undefined
// when every level is open. Levels that do not exist yet are left out: ktizo creates them open
// (lib/compile/make-open-directory.ts).
export const closedLevelFor = async (dir: string): Promise<{ path: string; mode: string } | undefined> => {
  const found = await Promise.all(
    levelsOf(dir).map(async (path): Promise<DirectoryLevel | null> => {
      const info = await stat(path).catch(() => null);

      return info && { path, mode: info.mode, uid: info.uid, gid: info.gid };
    }),
  );
  const missing = found.indexOf(null);
  const levels = (missing === -1 ? found : found.slice(0, missing)) as DirectoryLevel[];
  const closed = firstClosedLevel(levels, await dnsmasqAccount(), { reaches: missing === -1 });

  return closed ? { path: closed.path, mode: modeText(closed.mode) } : undefined;
};

// The closed level on the way to the TFTP root, when dnsmasq said in `output` that it was denied it.
export const closedLevelOfTftpRoot = async (output: string[]): Promise<{ path: string; mode: string } | undefined> => {
  const denied = output.map(deniedDirectoryIn).find((found) => found?.kind === "tftp-root");

  return denied ? closedLevelFor(denied.dir) : undefined;
};
