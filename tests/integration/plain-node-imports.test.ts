import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

// scripts/web-server.ts (npm start, the e2e server) and the worker run under plain Node with tsx, not
// inside Next: what they import must load there. A stray `import "server-only"` in lib/data would throw
// at import time (that package only loads under Next's react-server condition).
const root = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);

describe("modules used outside Next", () => {
  it.each(["@/lib/services/auth", "@/lib/services/webhooks", "@/lib/webhooks/dispatcher", "@/lib/data/db"])("%s loads under node --import tsx", async (specifier) => {
    const { stdout } = await run(process.execPath, ["--import", "tsx", "--input-type=module", "-e", `const m = await import(${JSON.stringify(specifier)}); console.log(Object.keys(m).length);`], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: "file:/tmp/ktizo-plain-node-import.db" },
      timeout: 60_000,
    });
    expect(Number(stdout.trim())).toBeGreaterThan(0);
  });
});
