import { readFile, stat } from "node:fs/promises";
import { firstClosedLevel, levelsOf, modeText, type Account, type DirectoryLevel } from "@/lib/domain/dnsmasq/directory-access";
import { deniedDirectoryPatterns, type ClosedLevel } from "@/worker/dnsmasq/classify-failure";

export type DeniedDirectory = { kind: keyof typeof deniedDirectoryPatterns; dir: string };

// The directory a dnsmasq line says it was denied (an absolute path: it is stat-ed next).
export const deniedDirectoryIn = (line: string): DeniedDirectory | undefined => {
  for (const [kind, pattern] of Object.entries(deniedDirectoryPatterns) as [DeniedDirectory["kind"], RegExp][]) {
    const dir = pattern.exec(line)?.[1];
    if (dir?.startsWith("/")) return { kind, dir };
  }

  return undefined;
};

// dnsmasq's default user and group (`man dnsmasq`, --user, --group: "dip" where it exists).
const dnsmasqAccount = async (): Promise<Account> => {
  const entryOf = (file: string, name: string) =>
    readFile(file, "utf8").then(
      (text) => text.split("\n").map((line) => line.split(":")).find((fields) => fields[0] === name),
      () => undefined,
    );
  const [nobody, dip] = await Promise.all([entryOf("/etc/passwd", "nobody"), entryOf("/etc/group", "dip")]);

  return { uid: Number(nobody?.[2] ?? 65534), gid: Number(dip?.[2] ?? nobody?.[3] ?? 65534) };
};

// The directory on the way to `dir` that keeps dnsmasq's user out, for the admin's message; undefined
// when every level is open. Levels that do not exist yet are left out: ktizo creates them open
// (lib/compile/make-open-directory.ts).
export const closedLevelFor = async (dir: string): Promise<ClosedLevel | undefined> => {
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
export const closedLevelOfTftpRoot = async (output: string[]): Promise<ClosedLevel | undefined> => {
  const denied = output.map(deniedDirectoryIn).find((found) => found?.kind === "tftp-root");

  return denied ? closedLevelFor(denied.dir) : undefined;
};
