import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getImport } from "@/app/api/v1/assets/imports/[id]/route";
import { POST as startImport } from "@/app/api/v1/assets/imports/route";
import { GET as getAsset } from "@/app/api/v1/assets/talos/[version]/[file]/route";
import { systemActor } from "@/lib/auth/principal";
import { prisma } from "@/lib/db/client";
import { paths } from "@/lib/paths";
import { createNetworkSettings } from "@/lib/services/network";
import { adminHeaders, createAdminToken } from "@/tests/helpers/admin";
import { getRequest, jsonRequest, segment } from "@/tests/helpers/requests";
import { clusterListColumns } from "@/tests/helpers/cluster-row";
import { startAssetImportWorker } from "@/tests/helpers/worker-jobs";

// Free space is checked (statfs of the real data disk) before a pull or an import writes a byte.
// The reserve is set far above any disk's size, so every pull must be refused. The upstream is a
// local STAND-IN for Image Factory that counts requests and bytes it was asked for.
process.env.KTIZO_ASSET_MIN_FREE_MB = "100000000";
const version = "v1.11.6";
let upstream: Server;
let origin: string;
let token: string;
const seen: string[] = [];

beforeAll(async () => {
  upstream = createServer((req, res) => {
    seen.push(req.url ?? "");
    const body = Buffer.alloc(64 * 1024, 7);
    res.writeHead(200, { "content-length": String(body.length) });
    res.end(body);
  });
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  process.env.KTIZO_FACTORY_URL = origin;
  token = await createAdminToken();
  await createNetworkSettings({ interface: "eth0", serverIp: "10.43.0.2", httpBaseUrl: "http://10.43.0.2:3100", dhcpRangeStart: "10.43.0.100", dhcpRangeEnd: "10.43.0.150", assetSource: "factory" }, { actor: systemActor });
  await prisma.clusterSettings.create({ data: { name: "lab", endpoint: "https://10.43.0.10:6443", talosVersion: version, ...clusterListColumns } });
});

// The worker's asset-imports job, which runs what the API queues.
const importWorker = startAssetImportWorker();
afterAll(() => importWorker.runner.stop());

afterAll(async () => {
  upstream.closeAllConnections();
  await new Promise((resolve) => upstream.close(resolve));
});

const filesUnder = async (dir: string): Promise<string[]> =>
  existsSync(dir) ? (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name) : [];

describe("free disk space", () => {
  it("a pull of the configured version that would not leave the reserve free is a 503; Image Factory is not asked", async () => {
    const response = await getAsset(getRequest(`/api/v1/assets/talos/${version}/vmlinuz-amd64`), segment({ version, file: "vmlinuz-amd64" }));
    expect(response.status).toBe(503);
    expect(await response.text()).toMatch(/not enough free disk space/);
    expect(seen).toEqual([]);
    expect(await filesUnder(paths().assetCacheDir)).toEqual([]);
  });

  it("an import is refused before it writes a byte", async () => {
    const response = await startImport(jsonRequest("/api/v1/assets/imports", { url: `${origin}/kernel`, talosVersion: version, fileName: "vmlinuz-amd64" }, { headers: adminHeaders(token) }), segment());
    const { id } = (await response.json()) as { id: string };
    let body: { status: string; error: string | null } = { status: "queued", error: null };
    for (let i = 0; i < 200 && body.status !== "failed" && body.status !== "done"; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      body = (await (await getImport(getRequest(`/api/v1/assets/imports/${id}`, adminHeaders(token)), segment({ id }))).json()) as typeof body;
    }
    expect(body.status).toBe("failed");
    expect(body.error).toMatch(/not enough free disk space/);
    expect(await filesUnder(paths().assetPartialDir)).toEqual([]);
    expect(await filesUnder(paths().assetsDir)).toEqual([]);
  });
});
