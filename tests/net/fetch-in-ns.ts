import { execa } from "execa";

// An HTTP GET from inside a network namespace with node's own fetch, answering status and body
// (tests/net/http-get.ts only tells 2xx from the rest).
const script = `
const response = await fetch(process.argv[1], { signal: AbortSignal.timeout(15000) });
process.stdout.write(JSON.stringify({ status: response.status, body: await response.text() }));
`;

export type Fetched = { status: number; body: string };

export const fetchInNs = async (ns: string, url: string): Promise<Fetched> => {
  const result = await execa("ip", ["netns", "exec", ns, process.execPath, "--input-type=module", "-e", script, url], { reject: false, timeout: 30_000 });
  if (result.exitCode !== 0) throw new Error(`fetch ${url} in ${ns} failed: ${String(result.stderr)}`);

  return JSON.parse(String(result.stdout)) as Fetched;
};

export const tokenIn = (script: string): string | null => /[?&]token=([A-Za-z0-9_-]+)/.exec(script)?.[1] ?? null;

export const configUrlIn = (script: string): string | null => / talos\.config=(\S+)/.exec(script)?.[1] ?? null;
