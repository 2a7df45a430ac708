import path from "node:path";
import { z } from "zod";
import { parseTrustedProxies, type TrustedProxies } from "@/lib/domain/client-address";

// Server environment, parsed once on first use (so `next build` needs no runtime env).
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().min(1).default("file:./data/ktizo.db"),
  KTIZO_DATA_DIR: z.string().min(1).optional(),
  KTIZO_COMPILED_DIR: z.string().min(1).optional(),
  KTIZO_IPXE_DIR: z.string().min(1).default("/usr/lib/ipxe"),
  KTIZO_SECRET_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$|^[A-Za-z0-9+/]{43}=$/, "KTIZO_SECRET_KEY must be 32 bytes as 64 hex characters or base64")
    .optional(),
  KTIZO_ADMIN_USER: z.string().min(1).max(64).optional(),
  KTIZO_ADMIN_PASSWORD: z.string().min(12, "KTIZO_ADMIN_PASSWORD must be at least 12 characters").max(1024).optional(),
  KTIZO_API_TOKEN: z.string().min(32, "KTIZO_API_TOKEN must be at least 32 characters").max(512).optional(),
  KTIZO_TALOSCTL: z.string().min(1).optional(),
  KTIZO_DNSMASQ: z.string().min(1).default("dnsmasq"),
  // Image Factory base URL for boot assets (tests point it at a local HTTP server).
  KTIZO_FACTORY_URL: z.string().url().default("https://factory.talos.dev"),
  // Reverse proxies (CIDRs or addresses, comma- or space-separated) whose X-Forwarded-For and
  // X-Forwarded-Proto are believed, and only when the socket peer is one of them (docs/security.md).
  KTIZO_TRUSTED_PROXIES: z
    .string()
    .default("")
    .superRefine((value, ctx) => {
      const parsed = parseTrustedProxies(value);
      if (!parsed.ok) ctx.addIssue({ code: "custom", message: `KTIZO_TRUSTED_PROXIES: "${parsed.entry.slice(0, 64)}" is not an IP address or CIDR like 10.0.0.0/8` });
    }),
  // Deprecated alias: 1 means KTIZO_TRUSTED_PROXIES also holds 127.0.0.1 and ::1 (a proxy on this host).
  KTIZO_TRUST_PROXY: z.enum(["0", "1"], { message: "KTIZO_TRUST_PROXY must be 0 or 1 (deprecated: use KTIZO_TRUSTED_PROXIES)" }).default("0"),
  // The web server's listening address (scripts/web-server.ts).
  PORT: z.coerce.number({ message: "PORT must be a TCP port number" }).int().min(1).max(65_535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  // How many machine web processes serve PORT (scripts/web-server.ts), besides the one admin
  // process; unset = one per core.
  KTIZO_WEB_PROCESSES: z.coerce
    .number({ message: "KTIZO_WEB_PROCESSES must be a whole number of web processes (1 to 64)" })
    .int("KTIZO_WEB_PROCESSES must be a whole number of web processes (1 to 64)")
    .min(1, "KTIZO_WEB_PROCESSES must be at least 1")
    .max(64, "KTIZO_WEB_PROCESSES must be at most 64")
    .optional(),
  // Set by the cluster's primary for each web process it forks (scripts/web-cluster.ts), never by hand.
  KTIZO_WEB_ROLE: z.enum(["admin", "machine"]).optional(),
  // Test runs only: each web process names itself in an `x-ktizo-web-pid` response header, so a
  // test can tell which process answered (tests/net/web-processes.test.ts).
  KTIZO_WEB_PID_HEADER: z.enum(["0", "1"], { message: "KTIZO_WEB_PID_HEADER must be 0 or 1" }).default("0"),
  // Boot-asset pulls and imports leave at least this much free space on the data disk (MiB).
  KTIZO_ASSET_MIN_FREE_MB: z.coerce.number({ message: "KTIZO_ASSET_MIN_FREE_MB must be a number of MiB" }).int().min(0).max(100_000_000).default(512),
  // apid's port on every Talos node, and the deadline of an admin's "Bootstrap now" call (docs/cluster.md).
  KTIZO_TALOS_API_PORT: z.coerce.number().int().min(1).max(65_535).default(50_000),
  KTIZO_TALOS_API_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  KTIZO_WORKER_STALE_SECONDS: z.coerce.number().int().min(1).default(15),
  // How long Apply waits for the worker to report dnsmasq running (or refusing) the new config.
  // The worker serves a new config in about a second; a refusal takes a test, a failed start and
  // the fall-back to the last good config.
  KTIZO_APPLY_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(10_000),
  // When set, GET /metrics requires `Authorization: Bearer <this>` (docs/api.md).
  KTIZO_METRICS_TOKEN: z.string().min(16, "KTIZO_METRICS_TOKEN must be at least 16 characters").max(512).regex(/^\S+$/, "KTIZO_METRICS_TOKEN must not contain whitespace").optional(),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

// Every problem with the environment, each naming its variable (for the start-up check, which
// runs before anything listens: scripts/check-env.ts).
export const environmentProblems = (source: NodeJS.ProcessEnv = process.env): string[] => {
  const result = envSchema.safeParse(source);

  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".") || "environment"}: ${issue.message}`);
};

export const trustedProxiesOf = (value: Pick<Env, "KTIZO_TRUSTED_PROXIES" | "KTIZO_TRUST_PROXY">): TrustedProxies => {
  const text = [value.KTIZO_TRUSTED_PROXIES, value.KTIZO_TRUST_PROXY === "1" ? "127.0.0.1/32 ::1/128" : ""].join(" ");
  const parsed = parseTrustedProxies(text);
  if (!parsed.ok) throw new Error(`KTIZO_TRUSTED_PROXIES: ${parsed.entry} is not an IP address or CIDR`);

  return parsed.value;
};

export const env = (): Env => {
  if (!cached) {
    // A bad setting is the operator's, not a request's: a plain error naming the variable (a
    // ZodError here would be answered as if the caller's input were invalid). `npm start` checks
    // all of them before anything listens (scripts/check-env.ts).
    const problems = environmentProblems(process.env);
    if (problems.length > 0) throw new Error(`invalid setting ${problems.join("; ")}`);
    cached = envSchema.parse(process.env);
  }

  return cached;
};

// Resolve a sqlite "file:" URL to an absolute path (relative URLs resolve against the cwd, as the adapter does).
export const databaseFilePath = (url = env().DATABASE_URL): string =>
  path.resolve(url.replace(/^file:/, ""));
