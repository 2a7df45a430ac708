import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The house layout as import rules (docs/architecture.md). Each file group below states its whole
// rule; ESLint's flat config lets a later object replace an earlier one's options for the same rule,
// so the groups are ordered from general (all of lib/) to specific.

// The Prisma client and its generated types: only lib/data (and lib/db, which builds the client) may import them.
const prisma = [
  { regex: "^@/lib/(db|generated)/", message: "Only lib/data/* talks to the database: call a lib/data function (or a service use-case)." },
  { regex: "^@prisma/client", message: "Only lib/data/* talks to the database." },
  { regex: "^better-sqlite3$", message: "Only lib/data/* talks to the database (the hot path's statements live there too)." },
  { regex: "^(\\.\\./)+(generated|db)/", message: "Only lib/data/* talks to the database." },
];
// Another capability's files: only its index.ts is public (lib/services/<capability>/index.ts).
const serviceInternals = { regex: "^@/lib/services/[^/]+/.+", message: "Import a capability only through its index: @/lib/services/<capability>." };
const upward = [{ regex: "^@/app/", message: "lib/ and worker/ never import app/ (the arrows point from app/ into lib/)." }];
// Use-cases, data and domain code run the same under a route, a server action, a test or the worker.
const framework = { regex: "^next($|/)", message: "Framework imports belong in app/ and the request helpers (lib/http, lib/auth)." };
const noDataLayer = { regex: "^@/lib/data/", message: "app/ reads through a service use-case (@/lib/services/<capability>), never lib/data." };

// lib/domain is pure: no I/O-bearing Node module, no framework, no env, db or services. node:crypto and
// node:util are computation (hashing, keys, deep equality) and node:net's isIP (a parser) and BlockList (an
// in-memory address/subnet matcher, https://nodejs.org/api/net.html#class-netblocklist) open no socket, so they stay.
const domainPatterns = [
  ...upward,
  framework,
  ...prisma,
  { regex: "^@/lib/(data|db|services|env|paths|http|auth|events|webhooks|metrics|talosctl)($|/)", message: "lib/domain is pure logic: pass values in, do I/O in services." },
  {
    regex: "^(node:)?(fs|path|os|child_process|http|https|http2|dgram|dns|tls|worker_threads|cluster|process|stream|readline|zlib|vm|module|perf_hooks|timers|url|events|inspector|async_hooks)(/.*)?$",
    message: "lib/domain is pure logic: no I/O-bearing Node module (do the I/O in a service and pass values in).",
  },
];
const domainPaths = ["node:net", "net"].map((name) => ({ name, allowImportNames: ["isIP", "BlockList"], message: "lib/domain may use node:net's isIP and BlockList only (no sockets)." }));

// app/ is glue: it may import a capability's index, its own UI files, and the request/UI helpers listed here.
// lib/http (route wrapper, responses, body reading), lib/auth (principal, session cookie, guards), lib/actions
// and lib/query (form and client-fetch helpers), lib/schemas (the input/output shapes), lib/domain (pure values
// such as error codes and event types) and lib/openapi (the document served at /api/v1/openapi.json).
const appOnly = {
  regex: "^@/lib/(?!services/[a-z-]+$|http/|auth/|actions/|query/|schemas/|domain/|openapi/)",
  message: "app/ imports only @/lib/services/<capability> and the request/UI helpers allowed in eslint.config.mjs.",
};

const restrict = (patterns, paths = []) => ["error", { patterns, paths }];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    files: ["lib/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": restrict([...upward, ...prisma, serviceInternals]) },
  },
  {
    files: ["lib/services/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": restrict([
        ...upward,
        framework,
        ...prisma,
        serviceInternals,
        { regex: "^\\.\\./", message: "Inside a capability import siblings as ./x; another capability only through @/lib/services/<capability>." },
      ]),
    },
  },
  {
    // The data layer sits below the services: it never imports them (the arrows point from services into data).
    files: ["lib/data/**/*.{ts,tsx}", "lib/db/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": restrict([
        ...upward,
        framework,
        { regex: "^@/lib/services($|/)", message: "lib/data sits below the services and never imports them." },
      ]),
    },
  },
  {
    files: ["lib/domain/**/*.ts"],
    ignores: ["lib/domain/**/*.test.ts"],
    rules: {
      "no-restricted-imports": restrict(domainPatterns, domainPaths),
      "no-restricted-globals": ["error", "process"],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}", "proxy.ts", "instrumentation.ts"],
    rules: { "no-restricted-imports": restrict([...prisma, noDataLayer, serviceInternals, appOnly, { regex: "^(\\.\\./)+lib/", message: "Import lib/ through the @/ alias." }]) },
  },
  {
    files: ["worker/**/*.ts"],
    rules: {
      "no-restricted-imports": restrict([
        ...upward,
        framework,
        ...prisma,
        serviceInternals,
        { regex: "^@/lib/data/", message: "The worker reaches the database through a service use-case." },
        { regex: "^(\\.\\./)+app/", message: "The worker never imports app/." },
      ]),
    },
  },
  globalIgnores([".next/**", "lib/generated/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "compiled/**", "data/**"]),
]);
