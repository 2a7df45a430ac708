import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, open, readFile, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getImport } from "@/app/api/v1/assets/imports/[id]/route";
import { GET as listImports, POST as startImport } from "@/app/api/v1/assets/imports/route";
import { GET as getAsset, HEAD as headAsset } from "@/app/api/v1/assets/talos/[version]/[file]/route";
import { systemActor } from "@/lib/auth/principal";
import { prisma } from "@/lib/db/client";
import { paths } from "@/lib/paths";
import { createNetworkSettings, updateNetworkSettings } from "@/lib/services/network";
import { adminHeaders, createAdminToken } from "@/tests/helpers/admin";
import { getRequest, jsonRequest, segment } from "@/tests/helpers/requests";
import { clusterListColumns } from "@/tests/helpers/cluster-row";
import { startAssetImportWorker } from "@/tests/helpers/worker-jobs";

// A local stand-in for Image Factory and for any URL an admin imports from: Range-capable, slow
// enough for progress to be observed, and able to cut a transfer off halfway (to test resume).
const payload = randomBytes(3 * 1024 * 1024);
const payloadSha = createHash("sha256").update(payload).digest("hex");
// Compare large buffers by digest: a deep-equality diff of megabytes takes minutes.
const digest = (data: Uint8Array | ArrayBuffer) => createHash("sha256").update(new Uint8Array(data)).digest("hex");
const requests: { url: string; range: string | undefined }[] = [];
let origin: string;
let upstream: Server;

const serveSlowly = (res: import("node:http").ServerResponse, body: Buffer, cutAfter: number | null) => {
  let offset = 0;
  const tick = () => {
    if (cutAfter !== null && offset >= cutAfter) {
      res.destroy();

      return;
    }
    if (offset >= body.length) {
      res.end();

      return;
    }
    res.write(body.subarray(offset, offset + 128 * 1024));
    offset += 128 * 1024;
    setTimeout(tick, 15);
  };
  tick();
};

let token: string;
const version = "v1.11.5";
const assetUrl = (file: string) => `/api/v1/assets/talos/${version}/${file}`;
const fetchAsset = (file: string, headers: Record<string, string> = {}) =>
  getAsset(getRequest(assetUrl(file), headers), segment({ version, file }));

beforeAll(async () => {
  upstream = createServer((req, res) => {
    requests.push({ url: req.url ?? "", range: req.headers.range });
    if (req.url?.includes("ee".repeat(32))) return void res.writeHead(404).end();
    const match = /^bytes=(\d+)-$/.exec(req.headers.range ?? "");
    const start = match ? Number(match[1]) : 0;
    const body = payload.subarray(start);
    res.writeHead(match ? 206 : 200, { "content-length": String(body.length), ...(match ? { "content-range": `bytes ${start}-${payload.length - 1}/${payload.length}` } : {}) });
    // "/cut" paths break off a first (non-Range) transfer after 1 MB, to test resuming.
    serveSlowly(res, body, req.url?.startsWith("/cut") && !match ? 1024 * 1024 : null);
  });
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  // env() is read lazily: set before the first asset request in this file.
  process.env.KTIZO_FACTORY_URL = origin;
  token = await createAdminToken();
  await createNetworkSettings({ interface: "eth0", serverIp: "10.40.0.2", httpBaseUrl: "http://10.40.0.2:3100", dhcpRangeStart: "10.40.0.100", dhcpRangeEnd: "10.40.0.150", assetSource: "local" }, { actor: systemActor });
});

// The worker's asset-imports job, which runs what the API queues.
const importWorker = startAssetImportWorker();
afterAll(() => importWorker.runner.stop());

afterAll(async () => {
  upstream.closeAllConnections();
  await new Promise((resolve) => upstream.close(resolve));
});

// Only the cluster's configured Talos version is pulled from Image Factory.
const configureTalosVersion = async (talosVersion: string) => {
  const row = await prisma.clusterSettings.findFirst();
  if (row) await prisma.clusterSettings.update({ where: { id: row.id }, data: { talosVersion } });
  else await prisma.clusterSettings.create({ data: { name: "lab", endpoint: "https://10.40.0.10:6443", talosVersion, ...clusterListColumns } });
};

const waitForImport = async (id: string) => {
  const seen: number[] = [];
  for (let i = 0; i < 200; i += 1) {
    const body = await (await getImport(getRequest(`/api/v1/assets/imports/${id}`, adminHeaders(token)), segment({ id }))).json();
    seen.push(body.bytesDone);
    if (body.status === "done" || body.status === "failed") return { body, seen };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("import did not finish");
};

const start = (body: Record<string, unknown>) =>
  startImport(jsonRequest("/api/v1/assets/imports", body, { headers: adminHeaders(token) }), segment());

describe("asset imports", () => {
  it("downloads in the background with progress and a checked sha256", async () => {
    const response = await start({ url: `${origin}/kernel`, talosVersion: version, fileName: "vmlinuz-amd64", sha256: payloadSha.toUpperCase() });
    expect(response.status).toBe(202);
    const { id, status } = await response.json();
    expect(status).toBe("queued");
    const { body, seen } = await waitForImport(id);
    expect(body).toMatchObject({ status: "done", sha256: payloadSha, bytesDone: payload.length, bytesTotal: payload.length, error: null });
    expect(seen.some((bytes) => bytes > 0 && bytes < payload.length)).toBe(true);
    expect(digest(await readFile(path.join(paths().assetsDir, version, "vmlinuz-amd64")))).toBe(payloadSha);
    const list = await (await listImports(getRequest("/api/v1/assets/imports", adminHeaders(token)), segment())).json();
    expect(list.local).toContainEqual(expect.objectContaining({ talosVersion: version, fileName: "vmlinuz-amd64", size: payload.length }));
  });

  it("a checksum mismatch fails the import and places no file", async () => {
    const { id } = await (await start({ url: `${origin}/other`, talosVersion: version, fileName: "initramfs-arm64.xz", sha256: "0".repeat(64) })).json();
    const { body } = await waitForImport(id);
    expect(body.status).toBe("failed");
    expect(body.error).toMatch(`sha256 mismatch: expected ${"0".repeat(64)}, got ${payloadSha}`);
    expect(existsSync(path.join(paths().assetsDir, version, "initramfs-arm64.xz"))).toBe(false);
    expect(await prisma.event.count({ where: { type: "asset.import_failed" } })).toBeGreaterThan(0);
  });

  it("resumes an interrupted download with a Range request", async () => {
    const first = await (await start({ url: `${origin}/cut-resume`, talosVersion: version, fileName: "initramfs-amd64.xz", sha256: payloadSha })).json();
    expect((await waitForImport(first.id)).body.status).toBe("failed");
    requests.length = 0;
    const second = await (await start({ url: `${origin}/cut-resume`, talosVersion: version, fileName: "initramfs-amd64.xz", sha256: payloadSha })).json();
    const { body } = await waitForImport(second.id);
    expect(body).toMatchObject({ status: "done", sha256: payloadSha });
    expect(requests[0]?.range).toMatch(/^bytes=\d+-$/);
    expect(Number(requests[0]?.range?.slice(6, -1))).toBeGreaterThanOrEqual(1024 * 1024);
  });

  it.each([
    [{ url: "file:///etc/passwd" }],
    [{ url: "http://x/\nevil" }],
    [{ fileName: "../secret.key" }],
    [{ talosVersion: "v1.11.5/../.." }],
    [{ sha256: "abc" }],
  ])("refuses %j with 422", async (change) => {
    const response = await start({ url: `${origin}/k`, talosVersion: version, fileName: "vmlinuz-arm64", ...change });
    expect(response.status).toBe(422);
  });
});

describe("GET /api/v1/assets/talos/{version}/{file}", () => {
  const file = "vmlinuz-arm64";

  beforeAll(async () => {
    await mkdir(path.join(paths().assetsDir, version), { recursive: true });
    await writeFile(path.join(paths().assetsDir, version, file), payload);
  });

  it("serves the whole file with Content-Length, ETag and Last-Modified", async () => {
    const response = await fetchAsset(file);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-length")).toBe(String(payload.length));
    expect(response.headers.get("accept-ranges")).toBe("bytes");
    expect(response.headers.get("etag")).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    expect(response.headers.get("last-modified")).toMatch(/GMT$/);
    expect(digest(await response.arrayBuffer())).toBe(payloadSha);
  });

  it.each([
    ["bytes=0-99", 0, 99],
    ["bytes=1000-", 1000, payload.length - 1],
    ["bytes=-500", payload.length - 500, payload.length - 1],
  ])("Range %s → 206 with exactly those bytes", async (range, first, last) => {
    const response = await fetchAsset(file, { range });
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toBe(`bytes ${first}-${last}/${payload.length}`);
    expect(response.headers.get("content-length")).toBe(String(last - first + 1));
    expect(digest(await response.arrayBuffer())).toBe(digest(payload.subarray(first, last + 1)));
  });

  it("an unsatisfiable range is 416, a stale If-Range gets the whole file, a matching ETag 304", async () => {
    expect((await fetchAsset(file, { range: `bytes=${payload.length}-` })).status).toBe(416);
    const etag = (await fetchAsset(file)).headers.get("etag") ?? "";
    expect((await fetchAsset(file, { range: "bytes=0-9", "if-range": '"old"' })).status).toBe(200);
    expect((await fetchAsset(file, { range: "bytes=0-9", "if-range": etag })).status).toBe(206);
    expect((await fetchAsset(file, { "if-none-match": etag })).status).toBe(304);
  });

  it("HEAD answers the headers only", async () => {
    const response = await headAsset(new Request(`http://ktizo.test${assetUrl(file)}`, { method: "HEAD" }), segment({ version, file }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-length")).toBe(String(payload.length));
    expect(response.body).toBeNull();
  });

  it.each([
    ["..", "vmlinuz-amd64"],
    [version, "..%2F..%2Fsecret.key"],
    [version, "../../secret.key"],
    [version, "vmlinuz-x86"],
  ])("refuses %s/%s with 404 and no file access outside the asset dir", async (badVersion, badFile) => {
    const response = await getAsset(getRequest(`/api/v1/assets/talos/x/y`), segment({ version: badVersion, file: badFile }));
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
  });

  it("local source: a missing file is 404 and nothing is fetched", async () => {
    requests.length = 0;
    expect((await fetchAsset("initramfs-arm64.xz")).status).toBe(404);
    expect(requests).toEqual([]);
  });

  it("factory source: a missing file is pulled through from Image Factory and cached", async () => {
    await configureTalosVersion(version);
    const { id } = await prisma.networkSettings.findFirstOrThrow();
    await updateNetworkSettings({ id, changes: { assetSource: "factory", factorySchematic: "cd".repeat(32) }, actor: systemActor });
    requests.length = 0;
    const response = await fetchAsset("initramfs-arm64.xz");
    expect(response.status).toBe(200);
    expect(digest(await response.arrayBuffer())).toBe(payloadSha);
    expect(requests.map((request) => request.url)).toEqual([`/image/${"cd".repeat(32)}/${version}/initramfs-arm64.xz`]);
    // Cached: the next machine gets it from disk, with Range support.
    const again = await fetchAsset("initramfs-arm64.xz", { range: "bytes=0-9" });
    expect(again.status).toBe(206);
    expect(requests).toHaveLength(1);
  });

  it("factory source: a machine that disconnects mid-transfer still leaves a complete cached file", async () => {
    const { id } = await prisma.networkSettings.findFirstOrThrow();
    await updateNetworkSettings({ id, changes: { factorySchematic: "ab".repeat(32) }, actor: systemActor });
    const other = "v1.11.4";
    await configureTalosVersion(other);
    const response = await getAsset(getRequest(`/api/v1/assets/talos/${other}/vmlinuz-amd64`), segment({ version: other, file: "vmlinuz-amd64" }));
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    const cached = path.join(paths().assetCacheDir, "ab".repeat(32), other, "vmlinuz-amd64");
    for (let i = 0; i < 100 && !existsSync(cached); i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(digest(await readFile(cached))).toBe(payloadSha);
  });

  it("factory source: concurrent first requests share one upstream download", async () => {
    const other = "v1.11.3";
    await configureTalosVersion(other);
    requests.length = 0;
    const get = () => getAsset(getRequest(`/api/v1/assets/talos/${other}/vmlinuz-arm64`), segment({ version: other, file: "vmlinuz-arm64" }));
    const responses = await Promise.all([get(), get(), get()]);
    const bodies = await Promise.all(responses.map(async (response) => digest(await response.arrayBuffer())));
    expect(bodies).toEqual([payloadSha, payloadSha, payloadSha]);
    expect(requests).toHaveLength(1);
  });

  it("factory source: Image Factory's 404 is passed on as 404", async () => {
    const { id } = await prisma.networkSettings.findFirstOrThrow();
    await updateNetworkSettings({ id, changes: { factorySchematic: "ee".repeat(32) }, actor: systemActor });
    await configureTalosVersion("v1.11.2");
    const response = await getAsset(getRequest("/api/v1/assets/talos/v1.11.2/vmlinuz-amd64"), segment({ version: "v1.11.2", file: "vmlinuz-amd64" }));
    expect(response.status).toBe(404);
    expect(await response.text()).toMatch(/Image Factory has no vmlinuz-amd64 for v1.11.2/);
    expect(existsSync(path.join(paths().assetCacheDir, "ee".repeat(32), "v1.11.2", "vmlinuz-amd64"))).toBe(false);
  });
});

describe("a 200 MB asset", () => {
  it("is streamed with flat memory", async () => {
    const big = path.join(paths().assetsDir, version, "initramfs-amd64.xz");
    const size = 200 * 1024 * 1024;
    const handle = await open(big, "w");
    const block = randomBytes(1024 * 1024);
    for (let offset = 0; offset < size; offset += block.length) await handle.write(block, 0, block.length, offset);
    await handle.close();
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const response = await fetchAsset("initramfs-amd64.xz");
    expect(response.headers.get("content-length")).toBe(String(size));
    const reader = response.body!.getReader();
    let received = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    expect(received).toBe(size);
    const growthMb = (peak - before) / 1024 / 1024;
    console.log(`[assets] 200 MB streamed: RSS before ${(before / 1048576).toFixed(0)} MB, peak growth ${growthMb.toFixed(1)} MB`);
    expect(growthMb).toBeLessThan(64);
  });
});
