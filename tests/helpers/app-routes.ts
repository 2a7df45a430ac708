import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

// Walks app/ the way the App Router maps files to URLs, for tests that must cover every route.
export const appDir = path.resolve(import.meta.dirname, "../../app");

export type AppEntry = {
  kind: "route" | "page" | "actions";
  file: string;
  // A concrete URL path: dynamic segments filled with dummy values, route groups dropped.
  urlPath: string;
  // True when the file sits under a route group (e.g. "(admin)"), whose layout wraps its pages.
  groups: string[];
  source: string;
};

const routeFile = /^route\.(ts|tsx|js)$/;
const pageFile = /^page\.(ts|tsx|js|jsx)$/;

// "[id]" → "dummy-id", "[...path]" → "dummy/path", "[[...slug]]" → nothing; "(group)" and "@slot" add no segment.
const urlSegment = (name: string): string | null => {
  if (/^\(.*\)$/.test(name) || name.startsWith("@")) return null;
  const optionalCatchAll = /^\[\[\.\.\.(.+)\]\]$/.exec(name);
  if (optionalCatchAll) return null;
  const catchAll = /^\[\.\.\.(.+)\]$/.exec(name);
  if (catchAll) return `dummy/${catchAll[1]}`;
  const dynamic = /^\[(.+)\]$/.exec(name);

  return dynamic ? `dummy-${dynamic[1]}` : name;
};

export const listAppEntries = (dir = appDir, segments: string[] = [], groups: string[] = []): AppEntry[] => {
  const entries: AppEntry[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      // "_x" folders are private (not routed); "(.)x" folders intercept other routes.
      if (name.startsWith("_") || /^\(\.+\)/.test(name)) continue;
      const segment = urlSegment(name);
      const nextGroups = /^\(.*\)$/.test(name) ? [...groups, name] : groups;
      entries.push(...listAppEntries(full, segment === null ? segments : [...segments, segment], nextGroups));
      continue;
    }
    const source = readFileSync(full, "utf8");
    const urlPath = `/${segments.join("/")}`;
    if (routeFile.test(name)) entries.push({ kind: "route", file: full, urlPath, groups, source });
    else if (pageFile.test(name)) entries.push({ kind: "page", file: full, urlPath, groups, source });
    else if (/\.(ts|tsx)$/.test(name) && /^\s*["']use server["']/.test(source)) entries.push({ kind: "actions", file: full, urlPath, groups, source });
  }

  return entries;
};

export const httpMethods = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"] as const;

// Exported HTTP verbs of a route.ts, read from its source.
export const exportedMethods = (source: string): string[] => {
  const found = new Set<string>();
  for (const match of source.matchAll(/export\s+(?:const|let|var|async\s+function|function)\s+([A-Z]+)\b/g)) {
    if ((httpMethods as readonly string[]).includes(match[1] ?? "")) found.add(match[1] ?? "");
  }
  for (const match of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const name of (match[1] ?? "").split(",").map((part) => part.trim().split(/\s+as\s+/).at(-1) ?? "")) {
      if ((httpMethods as readonly string[]).includes(name)) found.add(name);
    }
  }

  return [...found];
};

// True when `METHOD` is declared as `export const METHOD = withRoute({ auth: "admin" ... })`.
export const usesAdminWithRoute = (source: string, method: string): boolean =>
  new RegExp(`export\\s+const\\s+${method}\\s*=\\s*withRoute\\s*(?:<[^(]*>)?\\(\\s*\\{[^}]*\\bauth\\s*:\\s*"admin"`).test(source);
