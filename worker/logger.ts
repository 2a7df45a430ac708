// One line per message, with a time stamp and a context tag ("[worker]", "[dnsmasq]", ...), so the
// interleaved output of web, worker and dnsmasq under `npm start` or `docker compose logs` stays readable.
export type Logger = {
  info: (message: string) => void;
  warn: (message: string) => void;
  error: (message: string, error?: unknown) => void;
  child: (tag: string) => Logger;
};

type Write = (line: string) => void;

const describe = (error: unknown): string =>
  error instanceof Error ? (error.stack ?? error.message) : String(error);

export const createLogger = (tag: string, write: Write = (line) => process.stdout.write(`${line}\n`)): Logger => {
  const line = (level: string, message: string) => write(`${new Date().toISOString()} ${level} [${tag}] ${message}`);

  return {
    info: (message) => line("info ", message),
    warn: (message) => line("warn ", message),
    error: (message, error) => line("error", error === undefined ? message : `${message}: ${describe(error)}`),
    child: (child) => createLogger(`${tag}:${child}`, write),
  };
};
