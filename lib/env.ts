import path from "node:path";
import { z } from "zod";

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
  // Behind a reverse proxy the client address comes from X-Forwarded-For; otherwise only from the socket.
  KTIZO_TRUST_PROXY: z.enum(["0", "1"]).default("0"),
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

export const env = (): Env => {
  cached ??= envSchema.parse(process.env);

  return cached;
};

// Resolve a sqlite "file:" URL to an absolute path (relative URLs resolve against the cwd, as the adapter does).
export const databaseFilePath = (url = env().DATABASE_URL): string =>
  path.resolve(url.replace(/^file:/, ""));
