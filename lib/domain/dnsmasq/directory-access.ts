// dnsmasq gives up root after start and runs as user `nobody` (its compiled-in default; `man dnsmasq`,
// --user and --group: the group is "dip" where it exists). It opens its TFTP root and reads its
// dhcp-hostsdir only then, so below a directory that user cannot enter (Debian's /root is 0700) it
// stops with "TFTP directory … inaccessible: Permission denied", or runs on without the reservations
// ("bad dynamic directory …: Permission denied"), although the worker runs as root.
// This finds that directory from each level's owner and mode, as the kernel decides: the owner's
// bits for the owner, the group's for the group, the others' for everyone else.

export type DirectoryLevel = { path: string; mode: number; uid: number; gid: number };
export type Account = { uid: number; gid: number };

const search = 0o1;
const read = 0o4;

const bitsFor = (level: DirectoryLevel, account: Account): number => {
  if (account.uid === 0) return 0o7;
  if (level.uid === account.uid) return (level.mode >> 6) & 0o7;
  if (level.gid === account.gid) return (level.mode >> 3) & 0o7;

  return level.mode & 0o7;
};

// `levels`: every directory from "/" down to the one dnsmasq needs, in that order. The first one `account`
// cannot pass (search on the way, search and read on the last), or null when all are open.
// `reaches: false`: the levels stop short of that directory (it does not exist yet), so the last
// one is on the way too and needs search only.
export const firstClosedLevel = (levels: DirectoryLevel[], account: Account, { reaches = true }: { reaches?: boolean } = {}): DirectoryLevel | null =>
  levels.find((level, index) => {
    const needed = reaches && index === levels.length - 1 ? search | read : search;

    return (bitsFor(level, account) & needed) !== needed;
  }) ?? null;

// Every directory from "/" down to `dir` (an absolute path), in order.
export const levelsOf = (dir: string): string[] => {
  const parts = dir.split("/").filter(Boolean);

  return ["/", ...parts.map((_, index) => `/${parts.slice(0, index + 1).join("/")}`)];
};

export const modeText = (mode: number): string => `0${(mode & 0o777).toString(8).padStart(3, "0")}`;
