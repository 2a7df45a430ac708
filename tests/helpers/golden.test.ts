import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { golden } from "@/tests/helpers/golden";

describe("golden", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "ktz-golden-"));
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await rm(dir, { recursive: true, force: true });
  });

  it.each([["under CI", "true"], ["outside CI", ""]])("a missing golden fails %s and is not written", async (_label, ci) => {
    vi.stubEnv("CI", ci);
    vi.stubEnv("KTIZO_UPDATE_GOLDENS", "");
    const file = path.join(dir, "missing.txt");
    await expect(golden({ file, rendered: "text" })).rejects.toThrow(/missing.*npm run test:update-goldens/);
    expect(existsSync(file)).toBe(false);
  });

  it("returns the file as it is, without rewriting it", async () => {
    vi.stubEnv("KTIZO_UPDATE_GOLDENS", "");
    const file = path.join(dir, "g.txt");
    await writeFile(file, "old");
    expect(await golden({ file, rendered: "new" })).toBe("old");
    expect(await readFile(file, "utf8")).toBe("old");
  });

  it("writes only with KTIZO_UPDATE_GOLDENS=1 outside CI", async () => {
    const file = path.join(dir, "g.txt");
    vi.stubEnv("KTIZO_UPDATE_GOLDENS", "1");
    vi.stubEnv("CI", "true");
    await expect(golden({ file, rendered: "new" })).rejects.toThrow(/never written by a CI run/);
    expect(existsSync(file)).toBe(false);
    vi.stubEnv("CI", "");
    expect(await golden({ file, rendered: "new" })).toBe("new");
  });
});
