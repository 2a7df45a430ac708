import { readFile, stat } from "node:fs/promises";
import { firstClosedLevel, levelsOf, modeText, type Account, type DirectoryLevel } from "@/lib/domain/dnsmasq/tftp-root-access";

// When dnsmasq stopped because its TFTP root was denied to it, the directory that keeps its
// unprivileged user out (lib/domain/dnsmasq/tftp-root-access.ts), for the admin's message; undefined
// when dnsmasq said something else or every level is open (then the message stays general).
const deniedPattern = /TFTP directory (.+) inaccessible: Permission denied/i;

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

export const diagnoseTftpRoot = async (output: string[]): Promise<{ path: string; mode: string } | undefined> => {
  const root = output.map((line) => deniedPattern.exec(line)?.[1]).find(Boolean);
  if (!root?.startsWith("/")) return undefined;
  const levels = await Promise.all(
    levelsOf(root).map(async (path): Promise<DirectoryLevel | null> => {
      const found = await stat(path).catch(() => null);

      return found && { path, mode: found.mode, uid: found.uid, gid: found.gid };
    }),
  );
  if (levels.includes(null)) return undefined;
  const closed = firstClosedLevel(levels as DirectoryLevel[], await dnsmasqAccount());

  return closed ? { path: closed.path, mode: modeText(closed.mode) } : undefined;
};
