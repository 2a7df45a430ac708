import { stat, readFile } from "node:fs/promises";
import { describe, expect, it, vi } from "vitest";

describe("getSecretKey", () => {
  it("creates data/secret.key with mode 0600 when KTIZO_SECRET_KEY is unset, and reuses it", async () => {
    vi.resetModules();
    const saved = process.env.KTIZO_SECRET_KEY;
    delete process.env.KTIZO_SECRET_KEY;
    try {
      const { getSecretKey } = await import("@/lib/crypto/secret-key");
      const { paths } = await import("@/lib/paths");
      const key = await getSecretKey();
      expect(key).toHaveLength(32);
      const file = paths().secretKeyFile;
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect((await readFile(file, "utf8")).trim()).toBe(key.toString("hex"));
      vi.resetModules();
      const again = await import("@/lib/crypto/secret-key");
      expect((await again.getSecretKey()).equals(key)).toBe(true);
    } finally {
      process.env.KTIZO_SECRET_KEY = saved;
    }
  });
});
