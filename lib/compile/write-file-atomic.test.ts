import { mkdtemp, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeFileAtomic } from "@/lib/compile/write-file-atomic";

describe("writeFileAtomic", () => {
  it("creates directories, writes the content with the mode, and leaves no temp file", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "ktizo-atomic-"));
    const target = path.join(dir, "a", "b", "file.conf");
    await writeFileAtomic(target, "one\n", { mode: 0o600 });
    expect(await readFile(target, "utf8")).toBe("one\n");
    expect((await stat(target)).mode & 0o777).toBe(0o600);
    await writeFileAtomic(target, "two\n");
    expect(await readFile(target, "utf8")).toBe("two\n");
    expect(await readdir(path.dirname(target))).toEqual(["file.conf"]);
  });

  it("propagates errors and keeps the old file whole", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "ktizo-atomic-"));
    const target = path.join(dir, "file.conf");
    await writeFile(target, "old\n");
    // A target below a regular file cannot be created (root ignores directory permissions).
    const impossible = path.join(target, "child.conf");
    await expect(writeFileAtomic(impossible, "new\n")).rejects.toThrow();
    expect(await readFile(target, "utf8")).toBe("old\n");
    expect(await readdir(dir)).toEqual(["file.conf"]);
  });
});
