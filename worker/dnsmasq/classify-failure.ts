// Turns a failed dnsmasq run into what the admin needs to know. "unavailable" means dnsmasq cannot
// run on this host at all (no binary, no privileges): retrying an older config would not help.
// "rejected" means this config could not run: the worker falls back to the last good one.
export type FailureKind = "unavailable" | "rejected";
export type Failure = { kind: FailureKind; message: string };

export type ClosedLevel = { path: string; mode: string };

// A dnsmasq line without its "dnsmasq[pid]: " prefix.
const withoutPrefix = (line: string): string => line.replace(/^dnsmasq(-\w+)?(\[\d+\])?:\s*/, "").trim();

// Why dnsmasq's user cannot reach a directory, and what the admin can do about it.
const closedAdvice = (closed: ClosedLevel | undefined): string =>
  closed
    ? `user nobody cannot enter ${closed.path} (mode ${closed.mode}); let others search it (chmod o+x ${closed.path}) or set KTIZO_COMPILED_DIR to a directory outside it`
    : "every directory above it must be searchable by user nobody";

// dnsmasq runs on without the reservation files it may not read: the running state alone would hide
// that approved devices do not get their reserved addresses.
export const deniedReservationsMessage = (said: string, closed: ClosedLevel | undefined): string =>
  `dnsmasq cannot read its reservations directory as user nobody, which it runs as after start: ${closedAdvice(closed)}. ` +
  `Until then approved devices do not get their reserved addresses. dnsmasq said: ${withoutPrefix(said)}`;

export type FailedRun = {
  // errno code of a spawn failure (ENOENT, EACCES), when the binary never ran
  spawnCode?: string | undefined;
  exitCode?: number | undefined;
  signal?: string | undefined;
  timedOut?: boolean | undefined;
  output: string[];
  command: string;
  // The directory that keeps dnsmasq's unprivileged user out of its TFTP root, when one was found
  // (worker/dnsmasq/closed-directory.ts).
  tftpRootClosedAt?: ClosedLevel | undefined;
};

// dnsmasq exits 2 for network problems: binding port 67 without root or CAP_NET_BIND_SERVICE /
// CAP_NET_ADMIN prints "Permission denied"; opening files it may not touch does too (exit 3).
const privilegePattern = /permission denied|operation not permitted/i;
// dnsmasq's lines for a directory it was denied after giving up root (lib/domain/dnsmasq/directory-access.ts):
// its TFTP root (fatal: it exits; running the worker as root does not help there, so the privilege
// advice would mislead) and a dhcp-hostsdir (it runs on without the reservations in it). The second
// is read from a running dnsmasq, whose log also carries what machines send (TFTP file names, DHCP
// host names): only dnsmasq's own whole line counts, not one of its dnsmasq-tftp or dnsmasq-dhcp
// lines that merely contains the words.
export const deniedDirectoryPatterns = {
  "tftp-root": /TFTP directory (.+) inaccessible: Permission denied/i,
  "hosts-dir": /^dnsmasq(?:\[\d+\])?: bad dynamic directory (.+): Permission denied$/,
};

export const classifyFailure = (run: FailedRun): Failure => {
  if (run.spawnCode === "ENOENT") {
    return { kind: "unavailable", message: `dnsmasq binary not found: ${run.command} (install dnsmasq-base or set KTIZO_DNSMASQ)` };
  }
  if (run.spawnCode === "EACCES") {
    return { kind: "unavailable", message: `dnsmasq binary is not executable: ${run.command}` };
  }
  const said = lastMeaningfulLines(run.output);
  if (run.timedOut) {
    return { kind: "rejected", message: `dnsmasq did not finish starting in time${said ? `: ${said}` : ""}` };
  }
  const how = run.signal ? `was killed by ${run.signal}` : `exited with code ${run.exitCode ?? "?"}`;
  if (deniedDirectoryPatterns["tftp-root"].test(said)) {
    return { kind: "unavailable", message: `dnsmasq cannot open its TFTP root as user nobody, which it runs as after start: ${closedAdvice(run.tftpRootClosedAt)}. dnsmasq ${how}: ${said}` };
  }
  if (privilegePattern.test(said)) {
    return { kind: "unavailable", message: `missing privileges (run as root or with CAP_NET_ADMIN): dnsmasq ${how}: ${said}` };
  }

  return { kind: "rejected", message: `dnsmasq ${how}${said ? `: ${said}` : ""}` };
};

// dnsmasq's own message ("dnsmasq: unknown interface eth9", "bad dhcp-range at line 3 of …"),
// without its banner lines and the generic "FAILED to start up".
const noise = /^(syntax check OK|FAILED to start up|started, version|compile time options)/i;

const lastMeaningfulLines = (output: string[]): string =>
  output
    .map(withoutPrefix)
    .filter((line) => line && !noise.test(line))
    .slice(-3)
    .join("; ");
