import { chmod, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";

// Only a real `dnsmasq --test` failure may be reported as dnsmasq rejecting the configuration.
// env() is cached per module instance, so each case loads compile-dnsmasq afresh with its own env.
const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  vi.resetModules();
});

const load = async (overrides: Record<string, string>) => {
  vi.resetModules();
  Object.assign(process.env, overrides);

  return import("@/lib/compile/compile-dnsmasq");
};

describe("testDnsmasqConfig errors", () => {
  it("a config the real dnsmasq refuses: dnsmasq rejected it, with dnsmasq's own words", async () => {
    const { testDnsmasqConfig } = await load({ KTIZO_DNSMASQ: "dnsmasq" });
    const error = await testDnsmasqConfig("no-such-option-at-all=1\n").catch((caught: unknown) => caught as Error);
    expect(error).toMatchObject({ code: "validation_failed" });
    expect((error as Error).message).toMatch(/^dnsmasq rejected the rendered configuration: .*bad option at line 1 of dnsmasq.conf/s);
  });

  it("a valid config passes", async () => {
    const { testDnsmasqConfig } = await load({ KTIZO_DNSMASQ: "dnsmasq" });
    await expect(testDnsmasqConfig("port=0\n")).resolves.toBe("ok");
  });

  it("an invalid KTIZO_SECRET_KEY names the setting and never blames dnsmasq", async () => {
    const { testDnsmasqConfig } = await load({ KTIZO_SECRET_KEY: "not-a-key" });
    const error = await testDnsmasqConfig("port=0\n").catch((caught: unknown) => caught as Error);
    expect((error as Error).message).toContain("KTIZO_SECRET_KEY");
    expect((error as Error).message).not.toContain("dnsmasq rejected");
  });

  it("a dnsmasq binary that cannot be executed is a tool failure, not a rejection", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "ktizo-dnsmasq-bin-"));
    const binary = path.join(dir, "dnsmasq");
    await writeFile(binary, "not a program");
    await chmod(binary, 0o644);
    const { testDnsmasqConfig } = await load({ KTIZO_DNSMASQ: binary });
    const error = await testDnsmasqConfig("port=0\n").catch((caught: unknown) => caught as Error);
    expect(error).toMatchObject({ code: "external_tool_failed" });
    expect((error as Error).message).toMatch(/^could not run .*dnsmasq --test/);
    expect((error as Error).message).not.toContain("rejected");
  });
});
