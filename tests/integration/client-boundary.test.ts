import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// A "use client" module must never reach the database: the browser bundle would pull in
// better-sqlite3 and `next build` fails ("Can't resolve 'fs'"). This walks value imports ("@/…" and
// relative) from every client module and reports the chain to the first server-only module.
const root = path.resolve(import.meta.dirname, "../..");
const serverOnly = [/^lib\/db\//, /^lib\/generated\//, /^lib\/services\//, /^lib\/data\//, /^lib\/actions\/form-action\.ts$/, /^lib\/auth\/(authenticate|has-admin|require-admin)\.ts$/];

const resolveImport = (from: string, spec: string): string | null => {
  const base = spec.startsWith("@/") ? path.join(root, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(from), spec) : null;
  if (!base) return null;

  return [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")].find(isFile) ?? null;
};

const isFile = (file: string): boolean => {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
};

const listSources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : listSources(full);

    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });

// Value imports only: `import type` and `export type` vanish at compile time.
const valueImports = (source: string): string[] =>
  [...source.matchAll(/^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?["']([^"']+)["']/gm)].map((match) => match[1] ?? "");

// Server actions ("use server") are called by reference from the client; their bodies stay on the server.
const isServerActionModule = (source: string): boolean => /^\s*["']use server["']/.test(source);

const findServerChain = (file: string, seen = new Set<string>()): string[] | null => {
  if (seen.has(file)) return null;
  seen.add(file);
  const relative = path.relative(root, file);
  if (serverOnly.some((pattern) => pattern.test(relative))) return [relative];
  const source = readFileSync(file, "utf8");
  if (isServerActionModule(source)) return null;
  for (const spec of valueImports(source)) {
    const target = resolveImport(file, spec);
    const chain = target ? findServerChain(target, seen) : null;
    if (chain) return [relative, ...chain];
  }

  return null;
};

const clientFiles = [...listSources(path.join(root, "app")), ...listSources(path.join(root, "lib"))].filter((file) => /^\s*["']use client["']/.test(readFileSync(file, "utf8")));

describe("client components", () => {
  it("exist (the walk found some)", () => {
    expect(clientFiles.length).toBeGreaterThan(0);
  });

  it.each(clientFiles.map((file) => [path.relative(root, file), file]))("%s reaches no server-only module", (_name, file) => {
    expect(findServerChain(file)).toBeNull();
  });
});
