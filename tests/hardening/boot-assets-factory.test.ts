import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as getImport } from "@/app/api/v1/assets/imports/[id]/route";
import { POST as startImport } from "@/app/api/v1/assets/imports/route";
import { GET as getAsset, HEAD as headAsset } from "@/app/api/v1/assets/talos/[version]/[file]/route";
import { systemActor } from "@/lib/auth/principal";
import { prisma } from "@/lib/db/client";
import { paths } from "@/lib/paths";
import { partialFileOf } from "@/lib/services/assets/run-asset-import";
import { createNetworkSettings, updateNetworkSettings } from "@/lib/services/network";
import { adminHeaders, createAdminToken } from "@/tests/helpers/admin";
import { getRequest, jsonRequest, segment } from "@/tests/helpers/requests";
import { clusterListColumns } from "@/tests/helpers/cluster-row";
import { startAssetImportWorker } from "@/tests/helpers/worker-jobs";

// A local STAND-IN for Image Factory (node:http on 127.0.0.1; the real one is on the internet) that
// counts every request it gets. Anonymous machines may only make ktizo pull the cluster's configured
// Talos version; the schematic is part of the cache path; a body that is cut short, or whose length
// cannot be checked, is never cached. Imports resume only the same URL, at the offset they asked for.
const payload = randomBytes(1024 * 1024 + 17);
const other = randomBytes(700 * 1024);
const sha = (data: Uint8Array | ArrayBuffer) => createHash("sha256").update(new Uint8Array(data)).digest("hex");
const schematic = { good: "ab".repeat(32), next: "cd".repeat(32), truncating: "0d".repeat(32), chunked: "0c".repeat(32) };
const configured = "v1.11.6";
let upstream: Server;
let origin: string;
let token: string;
let settingsId: string;
const seen: { url: string; range?: string }[] = [];
let badRangeCalls = 0;

const sendFull = (res: ServerResponse, body: Buffer, range: string | undefined, { cut = false, badRange = false } = {}) => {
  const match = /^bytes=(\d+)-$/.exec(range ?? "");
  const start = match ? Number(match[1]) : 0;
  if (match && badRange) {
    // Claims to be a resumption but starts elsewhere: the bytes would land at the wrong offset.
    res.writeHead(206, { "content-length": String(body.length), "content-range": `bytes 0-${body.length - 1}/${body.length}` });
    return void res.end(body);
  }
  const part = body.subarray(start);
  res.writeHead(match ? 206 : 200, { "content-length": String(part.length), ...(match ? { "content-range": `bytes ${start}-${body.length - 1}/${body.length}` } : {}) });
  if (cut && !match) {
    res.write(part.subarray(0, Math.floor(part.length / 2)));
    setTimeout(() => res.destroy(), 20);

    return;
  }
  res.end(part);
};

beforeAll(async () => {
  upstream = createServer((req, res) => {
    const url = req.url ?? "";
    seen.push({ url, range: req.headers.range });
    if (url.startsWith(`/image/${schematic.truncating}/`)) return sendFull(res, payload, undefined, { cut: true });
    if (url.startsWith(`/image/${schematic.chunked}/`)) {
      // No Content-Length: chunked transfer encoding; its length cannot be checked.
      res.writeHead(200, { "content-type": "application/octet-stream" });
      res.write(payload.subarray(0, 4096));
      return void setTimeout(() => res.end(payload.subarray(4096)), 20);
    }
    if (url.startsWith("/image/")) return sendFull(res, payload, undefined);
    if (url.startsWith("/import/a")) return sendFull(res, payload, req.headers.range, { cut: url.includes("cut") });
    // Cuts its first transfer off; answers a resumption with the wrong range; then serves it whole.
    if (url.startsWith("/import/bad-range")) return sendFull(res, payload, req.headers.range, { cut: (badRangeCalls += 1) === 1, badRange: true });
    if (url.startsWith("/import/b-")) return sendFull(res, other, req.headers.range);
    if (url.startsWith("/import/no-length")) {
      res.writeHead(200, {});
      return void res.end(payload.subarray(0, 1000));
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  process.env.KTIZO_FACTORY_URL = origin;
  token = await createAdminToken();
  const created = await createNetworkSettings(
    { interface: "eth0", serverIp: "10.41.0.2", httpBaseUrl: "http://10.41.0.2:3100", dhcpRangeStart: "10.41.0.100", dhcpRangeEnd: "10.41.0.150", assetSource: "factory", factorySchematic: schematic.good },
    { actor: systemActor },
  );
  settingsId = created.id;
});

// The worker's asset-imports job, which runs what the API queues.
const importWorker = startAssetImportWorker();
afterAll(() => importWorker.runner.stop());

afterAll(async () => {
  upstream.closeAllConnections();
  await new Promise((resolve) => upstream.close(resolve));
});

beforeEach(() => {
  seen.length = 0;
});

const fetchAsset = (version: string, file: string) =>
  getAsset(getRequest(`/api/v1/assets/talos/${version}/${file}`), segment({ version, file }));
const useSchematic = (factorySchematic: string) => updateNetworkSettings({ id: settingsId, changes: { factorySchematic }, actor: systemActor });
const cachePath = (schema: string, version: string, file: string) => path.join(paths().assetCacheDir, schema, version, file);
// Reads what a machine would get; a cut-off pull errors the stream, which counts as "incomplete".
const bodyOf = async (response: Response) => Buffer.from(await response.arrayBuffer().catch(() => new ArrayBuffer(0)));

describe("pull-through only for the configured Talos version", () => {
  it("with no cluster configured, nothing is pulled: 404 and zero upstream requests", async () => {
    const response = await fetchAsset("v1.11.6", "vmlinuz-amd64");
    expect(response.status).toBe(404);
    expect(seen).toEqual([]);
  });

  it.each(["v1.11.5", "v1.10.0", "v9.9.9", "v0.0.1"])("an unconfigured %s → 404 with zero upstream requests", async (version) => {
    await prisma.clusterSettings.deleteMany();
    await prisma.clusterSettings.create({ data: { name: "lab", endpoint: "https://10.41.0.10:6443", talosVersion: configured, ...clusterListColumns } });
    const response = await fetchAsset(version, "vmlinuz-amd64");
    expect(response.status).toBe(404);
    expect(await response.text()).toContain(`only the cluster's Talos version (${configured})`);
    expect(seen).toEqual([]);
    expect(existsSync(path.join(paths().assetCacheDir, schematic.good, version))).toBe(false);
  });

  it("the configured version is pulled once and cached under its schematic", async () => {
    const response = await fetchAsset(configured, "vmlinuz-amd64");
    expect(response.status).toBe(200);
    expect(sha(await response.arrayBuffer())).toBe(sha(payload));
    expect(seen.map((request) => request.url)).toEqual([`/image/${schematic.good}/${configured}/kernel-amd64`]);
    expect(sha(await readFile(cachePath(schematic.good, configured, "vmlinuz-amd64")))).toBe(sha(payload));
    expect((await fetchAsset(configured, "vmlinuz-amd64")).status).toBe(200);
    expect(seen).toHaveLength(1);
  });

  it("another schematic is another cache entry: the old schematic's file is not served for it", async () => {
    await useSchematic(schematic.next);
    const response = await fetchAsset(configured, "vmlinuz-amd64");
    expect(response.status).toBe(200);
    await response.arrayBuffer();
    expect(seen.map((request) => request.url)).toEqual([`/image/${schematic.next}/${configured}/kernel-amd64`]);
    expect(existsSync(cachePath(schematic.next, configured, "vmlinuz-amd64"))).toBe(true);
    await useSchematic(schematic.good);
  });

  it("a version already on disk is served without being configured, and without upstream requests", async () => {
    await mkdir(path.join(paths().assetsDir, "v1.10.3"), { recursive: true });
    await writeFile(path.join(paths().assetsDir, "v1.10.3", "vmlinuz-arm64"), other);
    const response = await fetchAsset("v1.10.3", "vmlinuz-arm64");
    expect(response.status).toBe(200);
    expect(sha(await response.arrayBuffer())).toBe(sha(other));
    expect(seen).toEqual([]);
  });

  it("HEAD of a file not on disk starts no pull", async () => {
    const response = await headAsset(new Request(`http://ktizo.test/api/v1/assets/talos/${configured}/initramfs-arm64.xz`, { method: "HEAD" }), segment({ version: configured, file: "initramfs-arm64.xz" }));
    expect(response.status).toBe(404);
    expect(seen).toEqual([]);
  });
});

describe("only a verified body is cached", () => {
  it("a body cut short of its Content-Length is not cached; the next machine triggers a new pull", async () => {
    await useSchematic(schematic.truncating);
    const first = await bodyOf(await fetchAsset(configured, "initramfs-amd64.xz"));
    expect(first.length).toBeLessThan(payload.length);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(existsSync(cachePath(schematic.truncating, configured, "initramfs-amd64.xz"))).toBe(false);
    await bodyOf(await fetchAsset(configured, "initramfs-amd64.xz"));
    expect(seen).toHaveLength(2);
    expect(existsSync(cachePath(schematic.truncating, configured, "initramfs-amd64.xz"))).toBe(false);
  });

  it("a body without Content-Length reaches the machine but is not cached", async () => {
    await useSchematic(schematic.chunked);
    const body = await bodyOf(await fetchAsset(configured, "initramfs-amd64.xz"));
    expect(sha(body)).toBe(sha(payload));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(existsSync(cachePath(schematic.chunked, configured, "initramfs-amd64.xz"))).toBe(false);
    await bodyOf(await fetchAsset(configured, "initramfs-amd64.xz"));
    expect(seen).toHaveLength(2);
    await useSchematic(schematic.good);
  });
});

const waitForImport = async (id: string) => {
  for (let i = 0; i < 300; i += 1) {
    const body = (await (await getImport(getRequest(`/api/v1/assets/imports/${id}`, adminHeaders(token)), segment({ id }))).json()) as { status: string; sha256: string | null; error: string | null };
    if (body.status === "done" || body.status === "failed") return body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("import did not finish");
};
const runImport = async (body: Record<string, unknown>) => {
  const response = await startImport(jsonRequest("/api/v1/assets/imports", body, { headers: adminHeaders(token) }), segment());
  expect(response.status).toBe(202);

  return waitForImport(((await response.json()) as { id: string }).id);
};

describe("imports resume only what they started", () => {
  const target = { talosVersion: "v1.11.1", fileName: "vmlinuz-amd64" } as const;

  it("a partial download of one URL is never continued from another URL", async () => {
    expect((await runImport({ url: `${origin}/import/a-cut`, ...target })).status).toBe("failed");
    expect(existsSync(partialFileOf({ url: `${origin}/import/a-cut`, ...target }))).toBe(true);
    seen.length = 0;
    const done = await runImport({ url: `${origin}/import/b-other`, ...target, sha256: sha(other) });
    expect(done).toMatchObject({ status: "done", sha256: sha(other) });
    // The second URL was fetched from the start, not with the first URL's offset.
    expect(seen).toEqual([{ url: "/import/b-other", range: undefined }]);
    expect(sha(await readFile(path.join(paths().assetsDir, target.talosVersion, target.fileName)))).toBe(sha(other));
  });

  it("a 206 whose Content-Range does not start at the partial file's end makes the import start over", async () => {
    const spot = { talosVersion: "v1.11.1", fileName: "initramfs-amd64.xz" } as const;
    expect((await runImport({ url: `${origin}/import/bad-range`, ...spot })).status).toBe("failed");
    seen.length = 0;
    const done = await runImport({ url: `${origin}/import/bad-range`, ...spot, sha256: sha(payload) });
    expect(done).toMatchObject({ status: "done", sha256: sha(payload) });
    expect(seen.map((request) => request.range)).toEqual([expect.stringMatching(/^bytes=\d+-$/), undefined]);
  });

  it("without Content-Length or a sha256 the import is refused, with nothing placed", async () => {
    const spot = { talosVersion: "v1.11.1", fileName: "initramfs-arm64.xz" } as const;
    const done = await runImport({ url: `${origin}/import/no-length`, ...spot });
    expect(done.status).toBe("failed");
    expect(done.error).toMatch(/no Content-Length/);
    expect(existsSync(path.join(paths().assetsDir, spot.talosVersion, spot.fileName))).toBe(false);
  });
});
