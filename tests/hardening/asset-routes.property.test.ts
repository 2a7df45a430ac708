import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as ipxeBinary } from "@/app/api/v1/assets/ipxe/[file]/route";
import { GET as talosAsset } from "@/app/api/v1/assets/talos/[version]/[file]/route";
import { prisma } from "@/lib/db/client";
import { paths } from "@/lib/paths";
import { hostileString } from "@/tests/hardening/arbitraries";
import { realRuns, requestOrSkip } from "@/tests/hardening/state";
import { segment } from "@/tests/helpers/requests";
import { seedNetworkSettings } from "@/tests/helpers/boot-fixtures";

// The asset routes are machine-facing and take file names from the URL: hostile versions, names
// (traversal, encodings, NUL) and Range headers never give a 5xx, never a byte of a file outside
// the served set, and a real file is served exactly (whole or the requested range).
const content = Buffer.from(Array.from({ length: 4096 }, (_, index) => index % 251));
const secret = "not-an-asset";

beforeAll(async () => {
  // "local": a missing asset is a 404 here, never a pull from Image Factory (no traffic leaves).
  process.env.KTIZO_FACTORY_URL = "http://127.0.0.1:9";
  await seedNetworkSettings();
  await prisma.networkSettings.updateMany({ data: { assetSource: "local" } });
  const dir = path.join(paths().assetsDir, "v1.11.6");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "vmlinuz-amd64"), content);
  mkdirSync(paths().tftpRoot, { recursive: true });
  writeFileSync(path.join(paths().tftpRoot, "ipxe.efi"), content);
  writeFileSync(path.join(paths().dataDir, "secret.txt"), secret);
});

const names = fc.oneof(
  hostileString,
  fc.constantFrom("vmlinuz-amd64", "initramfs-amd64.xz", "ipxe.efi", "../secret.txt", "..%2Fsecret.txt", "%2e%2e/%2e%2e/secret.txt", "vmlinuz-amd64\u0000", "/etc/passwd", "....//secret.txt"),
);
const versions = fc.oneof(hostileString, fc.constantFrom("v1.11.6", "v1.11.6/../..", "..", "v1.11.6%00", "v999.0.0"));
const ranges = fc.oneof(fc.constant(undefined), hostileString, fc.tuple(fc.nat(5000), fc.nat(5000)).map(([a, b]) => `bytes=${a}-${b}`), fc.nat(5000).map((n) => `bytes=-${n}`), fc.constantFrom("bytes=0-", "bytes=5-2", "bytes=0-1,3-4", "items=0-1"));

const check = async (response: Response, context: string) => {
  expect(response.status, context).toBeLessThan(500);
  const body = Buffer.from(await response.arrayBuffer());
  expect(body.includes(Buffer.from(secret)), context).toBe(false);
  if (response.status === 200) expect(body.equals(content), context).toBe(true);
  if (response.status === 206) {
    const [, start, end] = /^bytes (\d+)-(\d+)\/4096$/.exec(response.headers.get("content-range") ?? "") ?? [];
    expect(body.equals(content.subarray(Number(start), Number(end) + 1)), context).toBe(true);
  }
};

describe("asset routes with hostile names and ranges", () => {
  it("GET /api/v1/assets/talos/{version}/{file}", async () => {
    const runs = realRuns(200);
    await fc.assert(
      fc.asyncProperty(versions, names, ranges, async (version, file, range) => {
        const req = requestOrSkip(`http://ktizo.test/api/v1/assets/talos/x/y`, { headers: range === undefined ? {} : { range } });
        runs.sent();
        await check(await talosAsset(req, segment({ version, file })), `${JSON.stringify(version)}/${JSON.stringify(file)} range=${JSON.stringify(range)}`);
      }),
      runs.params,
    );
    runs.expectAll();
  });

  it("GET /api/v1/assets/ipxe/{file}", async () => {
    const runs = realRuns(200);
    await fc.assert(
      fc.asyncProperty(names, ranges, async (file, range) => {
        const req = requestOrSkip(`http://ktizo.test/api/v1/assets/ipxe/x`, { headers: range === undefined ? {} : { range } });
        runs.sent();
        await check(await ipxeBinary(req, segment({ file })), `${JSON.stringify(file)} range=${JSON.stringify(range)}`);
      }),
      runs.params,
    );
    runs.expectAll();
  });

  it("serves the real files exactly", async () => {
    const whole = await talosAsset(new Request("http://ktizo.test/a"), segment({ version: "v1.11.6", file: "vmlinuz-amd64" }));
    expect(whole.status).toBe(200);
    expect(Buffer.from(await whole.arrayBuffer()).equals(content)).toBe(true);
    const part = await ipxeBinary(new Request("http://ktizo.test/a", { headers: { range: "bytes=10-19" } }), segment({ file: "ipxe.efi" }));
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer()).equals(content.subarray(10, 20))).toBe(true);
  });
});
