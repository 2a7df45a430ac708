import type { Lan } from "@/tests/net/netns";

// The admin API of a ktizo running inside a lab namespace, called from that namespace with node's
// own fetch (the test process lives in the root namespace and cannot reach it; curl is not in CI's
// package set). One short node process per call: the lab makes a few dozen calls.
const script = `
const [url, method, token, body] = process.argv.slice(1);
const headers = { authorization: "Bearer " + token };
if (body) headers["content-type"] = "application/json";
const response = await fetch(url, { method, headers, body: body || undefined, signal: AbortSignal.timeout(60000) });
process.stdout.write(JSON.stringify({ status: response.status, body: await response.text() }));
`;

export type AdminApi = {
  call: (method: string, route: string, body?: unknown) => Promise<{ status: number; body: string }>;
  // Parsed JSON of a 2xx answer; anything else throws with the status and the body.
  json: <T>(method: string, route: string, body?: unknown) => Promise<T>;
};

export const adminApi = ({ lan, host, baseUrl, token }: { lan: Lan; host: string; baseUrl: string; token: string }): AdminApi => {
  const call: AdminApi["call"] = async (method, route, body) => {
    const argv = [process.execPath, "--input-type=module", "-e", script, `${baseUrl}${route}`, method, token, body === undefined ? "" : JSON.stringify(body)];
    const result = await lan.run(host, argv, { timeoutMs: 90_000 });
    if (result.exitCode !== 0) throw new Error(`${method} ${route}: fetch failed (${result.exitCode}): ${String(result.stderr)}`);

    return JSON.parse(String(result.stdout)) as { status: number; body: string };
  };

  return {
    call,
    json: async <T>(method: string, route: string, body?: unknown) => {
      const answer = await call(method, route, body);
      if (answer.status < 200 || answer.status > 299) throw new Error(`${method} ${route}: ${answer.status} ${answer.body}`);

      return JSON.parse(answer.body) as T;
    },
  };
};
