// argv for the two ways the worker runs dnsmasq. Pure, so the exact flags are unit-tested.
export type DnsmasqBinary = { command: string; prefix: string[] };
export type Argv = { file: string; args: string[] };

const withPrefix = ({ command, prefix }: DnsmasqBinary, args: string[]): Argv => {
  const [first, ...rest] = prefix;

  return first === undefined ? { file: command, args } : { file: first, args: [...rest, command, ...args] };
};

// `--test` only checks syntax (https://thekelleys.org.uk/dnsmasq/docs/dnsmasq-man.html, --test): a missing interface still passes and fails at start.
export const testArgv = (binary: DnsmasqBinary, confFile: string): Argv =>
  withPrefix(binary, ["--test", `--conf-file=${confFile}`]);

// --keep-in-foreground (not --no-daemon, which is debug mode and writes no pid file) keeps dnsmasq
// our child; --log-facility=- sends its log to stderr, where the worker tags and forwards it.
export const runArgv = (binary: DnsmasqBinary, confFile: string, pidFile: string): Argv =>
  withPrefix(binary, ["--keep-in-foreground", `--conf-file=${confFile}`, `--pid-file=${pidFile}`, "--log-facility=-"]);
