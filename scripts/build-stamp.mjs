// Prints a hash of everything a production build is made from: dependencies (the lockfile), build
// configuration and the sources Next compiles. `npm start` stores it next to the build and rebuilds
// when it differs, so a `git pull` (or any local edit) is never served from an old build.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const inputs = ["package-lock.json", "next.config.ts", "tsconfig.json", "postcss.config.mjs", "proxy.ts", "instrumentation.ts", "app", "lib", "public", "templates"];
// Generated from prisma/schema.prisma, which is hashed through the lockfile-independent schema below.
const skipped = new Set(["lib/generated"]);

const walk = (relative) => {
  const full = path.join(root, relative);
  let stat;
  try {
    stat = statSync(full);
  } catch {
    return [];
  }
  if (skipped.has(relative)) return [];
  if (stat.isFile()) return [relative];
  if (!stat.isDirectory()) return [];
  return readdirSync(full).sort().flatMap((name) => walk(path.join(relative, name)));
};

const hash = createHash("sha256");
for (const file of [...inputs, "prisma/schema.prisma"].flatMap(walk)) {
  hash.update(file).update("\0").update(readFileSync(path.join(root, file))).update("\0");
}
process.stdout.write(`${hash.digest("hex").slice(0, 16)}\n`);
