import { createHash } from "node:crypto";
import { cp, mkdtemp, readFile, stat, appendFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as apply } from "@/app/api/v1/network/settings/apply/route";
import { PUT } from "@/app/api/v1/network/settings/[id]/route";
import { GET, POST } from "@/app/api/v1/network/settings/route";
import { GET as getIpxe } from "@/app/api/v1/assets/ipxe/[file]/route";
import { prisma } from "@/lib/db/client";
import { paths } from "@/lib/paths";
import { previewNetworkConfig } from "@/lib/services/network";
import { adminHeaders, createAdminToken } from "@/tests/helpers/admin";
import { getRequest, jsonRequest, segment } from "@/tests/helpers/requests";

const settings = {
  interface: "eth0",
  serverIp: "10.31.0.2",
  httpBaseUrl: "http://10.31.0.2:3100",
  dhcpRangeStart: "10.31.0.100",
  dhcpRangeEnd: "10.31.0.199",
  gateway: "10.31.0.1",
  dnsServers: ["1.1.1.1"],
  domain: "lab.example",
};

let token: string;
const headers = () => adminHeaders(token);
const sha256 = async (file: string) => createHash("sha256").update(await readFile(file)).digest("hex");

beforeAll(async () => {
  token = await createAdminToken();
});

beforeEach(async () => {
  await prisma.networkSettings.deleteMany();
});

const create = async (body: unknown = settings) => POST(jsonRequest("/api/v1/network/settings", body, { headers: headers() }), segment());

describe("network settings API", () => {
  it("answers 404 before settings exist, 201 on create, 409 on a second create", async () => {
    expect((await GET(getRequest("/api/v1/network/settings", headers()), segment())).status).toBe(404);
    const created = await create();
    expect(created.status).toBe(201);
    const body = await created.json();
    expect(body).toMatchObject({ ...settings, dhcpMode: "full", leaseTime: "12h", dnsEnabled: false, tftpEnabled: true, uefiBinary: "ipxe.efi" });
    expect(body).toHaveProperty("provisionWindowMinutes", 60);
    expect((await create()).status).toBe(409);
    const read = await GET(getRequest("/api/v1/network/settings", headers()), segment());
    expect(await read.json()).toEqual(body);
  });

  it("refuses anonymous callers", async () => {
    const response = await GET(getRequest("/api/v1/network/settings"), segment());
    expect(response.status).toBe(401);
  });

  it("PUT merges a partial change and validates the whole object", async () => {
    const { id } = await (await create()).json();
    const ok = await PUT(jsonRequest(`/api/v1/network/settings/${id}`, { leaseTime: "1h", extraKernelArgs: "console=ttyS0,115200n8" }, { method: "PUT", headers: headers() }), segment({ id }));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ leaseTime: "1h", dhcpRangeStart: "10.31.0.100", extraKernelArgs: "console=ttyS0,115200n8" });
    const outside = await PUT(jsonRequest(`/api/v1/network/settings/${id}`, { serverIp: "10.32.0.2" }, { method: "PUT", headers: headers() }), segment({ id }));
    expect(outside.status).toBe(422);
    const error = (await outside.json()).error;
    // One error on the server IP, not one per address that no longer fits (gateway, range start, range end).
    expect(error.issues).toEqual([{ path: "serverIp", message: expect.stringMatching(/^Server IP 10\.32\.0\.2 is not in the subnet of the gateway and DHCP range/) }]);
    expect((await prisma.networkSettings.findFirstOrThrow()).serverIp).toBe("10.31.0.2");
  });

  it("refuses a DHCP range that covers devices' static IPs, naming them, and changes nothing", async () => {
    await prisma.device.deleteMany();
    await prisma.device.create({ data: { mac: "52:54:00:31:00:01", status: "approved", role: "worker", hostname: "w-1", ipAddress: "10.31.0.150" } });
    const refusedCreate = await create();
    expect(refusedCreate.status).toBe(422);
    const createError = (await refusedCreate.json()).error;
    expect(createError.issues).toEqual([{ path: "dhcpRangeStart", message: expect.stringContaining("w-1 (10.31.0.150)") }]);
    expect(await prisma.networkSettings.count()).toBe(0);

    const { id } = await (await create({ ...settings, dhcpRangeStart: "10.31.0.160" })).json();
    const widened = await PUT(jsonRequest(`/api/v1/network/settings/${id}`, { dhcpRangeStart: "10.31.0.100" }, { method: "PUT", headers: headers() }), segment({ id }));
    expect(widened.status).toBe(422);
    expect((await prisma.networkSettings.findFirstOrThrow()).dhcpRangeStart).toBe("10.31.0.160");
    // Proxy mode hands out no addresses: nothing to collide with.
    const proxy = await PUT(jsonRequest(`/api/v1/network/settings/${id}`, { dhcpMode: "proxy", dhcpRangeStart: "", dhcpRangeEnd: "" }, { method: "PUT", headers: headers() }), segment({ id }));
    expect(proxy.status, await proxy.clone().text()).toBe(200);
    await prisma.device.deleteMany();
  });

  it("PUT on an unknown id is 404", async () => {
    const response = await PUT(jsonRequest("/api/v1/network/settings/nope", { leaseTime: "1h" }, { method: "PUT", headers: headers() }), segment({ id: "nope" }));
    expect(response.status).toBe(404);
  });
});

describe("POST /api/v1/network/settings/apply", () => {
  it("is 409 before settings exist", async () => {
    expect((await apply(jsonRequest("/api/v1/network/settings/apply", {}, { headers: headers() }), segment())).status).toBe(409);
  });

  it("renders, tests with dnsmasq, copies the iPXE binaries and writes the config atomically", async () => {
    await create();
    expect((await previewNetworkConfig()).state).toBe("never_applied");
    const response = await apply(jsonRequest("/api/v1/network/settings/apply", {}, { headers: headers() }), segment());
    expect(response.status).toBe(200);
    const result = await response.json();
    // No worker runs in this test: the file is written and tested, and the answer says dnsmasq is not running it.
    expect(result).toEqual({
      appliedAt: expect.any(String),
      configHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      dnsmasqTest: "ok",
      dnsmasq: "unavailable",
      dnsmasqMessage: expect.stringContaining("worker not running"),
      servingPrevious: false,
    });
    const conf = await readFile(paths().dnsmasqConf, "utf8");
    expect(createHash("sha256").update(conf).digest("hex")).toBe(result.configHash);
    expect(conf).toContain(`tftp-root=${paths().tftpRoot}\n`);
    expect(conf).toContain(`dhcp-leasefile=${paths().leaseFile}\n`);
    expect(conf).toContain(`dhcp-hostsdir=${paths().hostsDir}\n`);
    expect(conf).toContain("port=0\n");
    expect(conf).toContain("dhcp-boot=tag:ipxe,http://10.31.0.2:3100/boot.ipxe\n");
    for (const name of ["undionly.kpxe", "ipxe.efi"]) {
      const copy = path.join(paths().tftpRoot, name);
      expect(await sha256(copy)).toBe(await sha256(path.join(paths().ipxeSourceDir, name)));
      expect((await stat(copy)).mode & 0o777).toBe(0o644);
    }
    expect((await stat(paths().hostsDir)).isDirectory()).toBe(true);
    // UEFI HTTP boot clients fetch the same binary over HTTP, without a login.
    const overHttp = await getIpxe(getRequest("/api/v1/assets/ipxe/ipxe.efi"), segment({ file: "ipxe.efi" }));
    expect(overHttp.status).toBe(200);
    expect(createHash("sha256").update(Buffer.from(await overHttp.arrayBuffer())).digest("hex")).toBe(await sha256(path.join(paths().ipxeSourceDir, "ipxe.efi")));
    expect((await getIpxe(getRequest("/api/v1/assets/ipxe/x"), segment({ file: "../../data/secret.key" }))).status).toBe(404);
    expect(await prisma.event.count({ where: { type: "settings.applied" } })).toBeGreaterThan(0);
    expect((await previewNetworkConfig()).state).toBe("applied");

    const { id } = (await prisma.networkSettings.findFirstOrThrow());
    await PUT(jsonRequest(`/api/v1/network/settings/${id}`, { leaseTime: "2h" }, { method: "PUT", headers: headers() }), segment({ id }));
    expect((await previewNetworkConfig()).state).toBe("changed");
  });

  it("answers 422 with dnsmasq's own message and writes nothing when dnsmasq --test fails", async () => {
    await create();
    await apply(jsonRequest("/api/v1/network/settings/apply", {}, { headers: headers() }), segment());
    const before = await readFile(paths().dnsmasqConf, "utf8");
    // A template that renders a line dnsmasq refuses: the real binary must catch it.
    const broken = await mkdtemp(path.join(tmpdir(), "ktz-broken-templates-"));
    await cp(path.join(process.cwd(), "templates"), broken, { recursive: true });
    await appendFile(path.join(broken, "dnsmasq", "dnsmasq.conf.liquid"), "no-such-option-in-dnsmasq=1\n");
    process.env.KTIZO_TEMPLATES_DIR = broken;
    try {
      const { id } = await prisma.networkSettings.findFirstOrThrow();
      await PUT(jsonRequest(`/api/v1/network/settings/${id}`, { leaseTime: "3h" }, { method: "PUT", headers: headers() }), segment({ id }));
      const response = await apply(jsonRequest("/api/v1/network/settings/apply", {}, { headers: headers() }), segment());
      expect(response.status).toBe(422);
      const { error } = await response.json();
      expect(error.message).toMatch(/dnsmasq rejected the rendered configuration: .*(bad option|unknown|error).*line \d+ of dnsmasq\.conf/i);
    } finally {
      delete process.env.KTIZO_TEMPLATES_DIR;
    }
    expect(await readFile(paths().dnsmasqConf, "utf8")).toBe(before);
  });
});
