import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getIpxe } from "@/app/api/v1/assets/ipxe/[file]/route";
import { POST as apply } from "@/app/api/v1/network/settings/apply/route";
import { PUT } from "@/app/api/v1/network/settings/[id]/route";
import { POST } from "@/app/api/v1/network/settings/route";
import { prisma } from "@/lib/db/client";
import { paths } from "@/lib/paths";
import { adminHeaders, createAdminToken } from "@/tests/helpers/admin";
import { getRequest, jsonRequest, segment } from "@/tests/helpers/requests";

// No admin field names a host file: arm64Binary is a bare name that must exist in KTIZO_IPXE_DIR.
// Anything else is a 422 naming the field, at save and at apply, and nothing is stored or copied;
// the TFTP root and /api/v1/assets/ipxe only ever hold the closed set of iPXE binaries.
const ipxeDir = path.join(process.env.KTIZO_TEST_ROOT!, "ipxe");
const secret = "KTIZO_SECRET_KEY=do-not-serve-me";
const valid = {
  interface: "eth0",
  serverIp: "10.34.0.2",
  httpBaseUrl: "http://10.34.0.2:3100",
  dhcpRangeStart: "10.34.0.100",
  dhcpRangeEnd: "10.34.0.199",
  arm64Binary: "ipxe-arm64.efi",
};
const hostPaths = [
  "/proc/self/environ",
  "../data/secret.key",
  "../../../../proc/self/environ",
  "..",
  ".hidden.efi",
  "/usr/lib/ipxe/ipxe.efi",
  "sub/ipxe-arm64.efi",
  "missing-arm64.efi",
  "a-directory",
  "ipxe-arm64.efi\u0000.txt",
];
let token: string;
let id: string;

const tftpListing = async () => (existsSync(paths().tftpRoot) ? (await readdir(paths().tftpRoot)).sort() : []);
const digestOf = async (file: string) => createHash("sha256").update(await readFile(file)).digest("hex");

beforeAll(async () => {
  process.env.KTIZO_IPXE_DIR = ipxeDir;
  await mkdir(path.join(ipxeDir, "a-directory"), { recursive: true });
  for (const name of ["undionly.kpxe", "ipxe.efi", "snponly.efi", "ipxe-arm64.efi"]) await writeFile(path.join(ipxeDir, name), `stand-in ${name}`);
  // A secret beside the iPXE directory: reachable with "../" if names were paths.
  await mkdir(paths().dataDir, { recursive: true });
  await writeFile(paths().secretKeyFile, secret);
  token = await createAdminToken();
  const created = await POST(jsonRequest("/api/v1/network/settings", valid, { headers: adminHeaders(token) }), segment());
  expect(created.status, await created.clone().text()).toBe(201);
  id = ((await created.json()) as { id: string }).id;
  const applied = await apply(jsonRequest("/api/v1/network/settings/apply", {}, { headers: adminHeaders(token) }), segment());
  expect(applied.status, await applied.clone().text()).toBe(200);
});

describe("arm64Binary names only a file in KTIZO_IPXE_DIR", () => {
  it("the accepted name is copied as ipxe-arm64.efi and nothing else lands in the TFTP root", async () => {
    expect(await tftpListing()).toEqual(["ipxe-arm64.efi", "ipxe.efi", "snponly.efi", "undionly.kpxe"]);
    await expect(readFile(path.join(paths().tftpRoot, "ipxe-arm64.efi"), "utf8")).resolves.toBe("stand-in ipxe-arm64.efi");
  });

  it.each(hostPaths)("POST with %j → 422 on arm64Binary, nothing stored", async (value) => {
    const before = await prisma.networkSettings.findMany();
    const response = await POST(jsonRequest("/api/v1/network/settings", { ...valid, arm64Binary: value }, { headers: adminHeaders(token) }), segment());
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: { issues?: { path: string }[] } };
    expect(body.error.issues?.map((issue) => issue.path)).toContain("arm64Binary");
    expect(await prisma.networkSettings.findMany()).toEqual(before);
  });

  it.each(hostPaths)("PUT with %j → 422 on arm64Binary, the stored value unchanged", async (value) => {
    const response = await PUT(jsonRequest(`/api/v1/network/settings/${id}`, { arm64Binary: value }, { method: "PUT", headers: adminHeaders(token) }), segment({ id }));
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: { message: string; issues?: { path: string }[] } };
    expect(body.error.issues?.map((issue) => issue.path)).toContain("arm64Binary");
    expect((await prisma.networkSettings.findUniqueOrThrow({ where: { id } })).arm64Binary).toBe("ipxe-arm64.efi");
  });

  it.each(["/proc/self/environ", "../data/secret.key", "missing-arm64.efi", "a-directory"])(
    "a stored %j (from before this check) is refused at Apply with 422 and nothing is copied",
    async (value) => {
      const before = await Promise.all((await tftpListing()).map(async (name) => [name, await digestOf(path.join(paths().tftpRoot, name))]));
      const confBefore = await readFile(paths().dnsmasqConf, "utf8");
      await prisma.networkSettings.update({ where: { id }, data: { arm64Binary: value } });
      try {
        const response = await apply(jsonRequest("/api/v1/network/settings/apply", {}, { headers: adminHeaders(token) }), segment());
        expect(response.status).toBe(422);
        expect(((await response.json()) as { error: { message: string } }).error.message).toContain("arm64 iPXE binary");
        const after = await Promise.all((await tftpListing()).map(async (name) => [name, await digestOf(path.join(paths().tftpRoot, name))]));
        expect(after).toEqual(before);
        expect(await readFile(paths().dnsmasqConf, "utf8")).toBe(confBefore);
      } finally {
        await prisma.networkSettings.update({ where: { id }, data: { arm64Binary: "ipxe-arm64.efi" } });
      }
    },
  );

  it("Apply removes a file dropped into the TFTP root by hand: only the closed set is served", async () => {
    await writeFile(path.join(paths().tftpRoot, "environ"), secret);
    const response = await apply(jsonRequest("/api/v1/network/settings/apply", {}, { headers: adminHeaders(token) }), segment());
    expect(response.status).toBe(200);
    expect(await tftpListing()).toEqual(["ipxe-arm64.efi", "ipxe.efi", "snponly.efi", "undionly.kpxe"]);
  });

  it.each(["environ", "..%2Fdata%2Fsecret.key", "%2Fproc%2Fself%2Fenviron", "secret.key", ".ipxe.efi.0123456789ab.tmp"])(
    "GET /api/v1/assets/ipxe/%s → 404 without the secret",
    async (file) => {
      await writeFile(path.join(paths().tftpRoot, "environ"), secret);
      const response = await getIpxe(getRequest(`/api/v1/assets/ipxe/${file}`), segment({ file: decodeURIComponent(file) }));
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain("do-not-serve-me");
    },
  );

  it("the allowed names are served", async () => {
    const response = await getIpxe(getRequest("/api/v1/assets/ipxe/ipxe-arm64.efi"), segment({ file: "ipxe-arm64.efi" }));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("stand-in ipxe-arm64.efi");
  });
});
