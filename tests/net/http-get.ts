import type { Lan } from "@/tests/net/netns";

// An HTTP GET from inside a Lan host namespace, with node's own fetch (busybox-static's wget
// segfaults here, and curl is not in CI's package set). Writes the body to `out` when given,
// else returns it; the exit code is 0 only for a 2xx answer.
const script = `
import { writeFileSync } from "node:fs";
const [url, out] = process.argv.slice(1);
const response = await fetch(url, { signal: AbortSignal.timeout(10000) });
const body = Buffer.from(await response.arrayBuffer());
if (out) writeFileSync(out, body); else process.stdout.write(body);
process.exitCode = response.ok ? 0 : 1;
`;

export const httpGet = (lan: Lan, host: string, url: string, out?: string) =>
  lan.run(host, [process.execPath, "--input-type=module", "-e", script, url, ...(out ? [out] : [])]);
