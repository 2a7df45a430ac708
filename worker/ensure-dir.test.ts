import { chown, mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDir } from "@/worker/ensure-dir";

const asRoot = process.getuid?.() === 0;

describe("ensureDir", () => {
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "ktz-ensure-"));
    if (asRoot) await chown(root, 1000, 1000);
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("creates missing directories", async () => {
    await ensureDir(path.join(root, "a", "b"));

    expect((await stat(path.join(root, "a", "b"))).isDirectory()).toBe(true);
  });

  it.skipIf(!asRoot && process.env.CI !== "true")("gives every directory it creates the owner of the existing parent", async () => {
    await ensureDir(path.join(root, "compiled", "dnsmasq"));
    const owners = await Promise.all(["compiled", "compiled/dnsmasq"].map(async (dir) => (await stat(path.join(root, dir))).uid));

    expect(owners).toEqual([1000, 1000]);
  });

  it("open: every directory it creates is 0755 under a umask of 077; without it the umask applies", async () => {
    const previous = process.umask(0o077);
    try {
      await ensureDir(path.join(root, "open", "compiled", "dnsmasq"), { open: true });
      await ensureDir(path.join(root, "closed", "data"));
    } finally {
      process.umask(previous);
    }
    const modes = await Promise.all(["open", "open/compiled", "open/compiled/dnsmasq", "closed", "closed/data"].map(async (dir) => (await stat(path.join(root, dir))).mode & 0o777));

    expect(modes).toEqual([0o755, 0o755, 0o755, 0o700, 0o700]);
  });

  it("leaves an existing directory as it is", async () => {
    await ensureDir(root);

    expect((await stat(root)).isDirectory()).toBe(true);
  });
});
