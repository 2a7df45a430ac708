import { readFile } from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as apply } from "@/app/api/v1/network/settings/apply/route";
import { PUT } from "@/app/api/v1/network/settings/[id]/route";
import { POST } from "@/app/api/v1/network/settings/route";
import { prisma } from "@/lib/db/client";
import { paths } from "@/lib/paths";
import { adminHeaders, createAdminToken } from "@/tests/helpers/admin";
import { jsonRequest, segment } from "@/tests/helpers/requests";

// No admin value may add a line or a field to dnsmasq.conf: a newline, carriage return or comma in
// any settings field is refused with 422, the stored settings stay as they were, and applying again
// renders byte-for-byte the same file.
const valid = {
  interface: "eth0",
  serverIp: "10.33.0.2",
  httpBaseUrl: "http://10.33.0.2:3100",
  dhcpRangeStart: "10.33.0.100",
  dhcpRangeEnd: "10.33.0.199",
  netmask: "255.255.255.0",
  gateway: "10.33.0.1",
  dnsServers: ["1.1.1.1"],
  domain: "lab.example",
  leaseTime: "12h",
  uefiBinary: "ipxe.efi",
  // Any file present in the iPXE directory works for the test (copied as ipxe-arm64.efi).
  arm64Binary: "snponly.efi",
  factorySchematic: "ab".repeat(32),
  extraKernelArgs: "net.ifnames=0",
};

const stringFields = Object.entries(valid).filter(([, value]) => typeof value === "string") as [string, string][];
// extraKernelArgs is the one field that may hold a comma (console=ttyS0,115200n8): it only reaches
// the iPXE kernel line, never dnsmasq.conf (checked below).
const commaFields = stringFields.filter(([field]) => field !== "extraKernelArgs");
const payloads = ["\nport=53", "\r\ndhcp-boot=evil", "\u0000", "\"quoted\""];
const cases = [
  ...stringFields.flatMap(([field, value]) => payloads.map((payload) => [field, `${value}${payload}`] as [string, unknown])),
  ...commaFields.flatMap(([field, value]) => [[field, `${value},set:evil`], [field, `x,${value}`]] as [string, unknown][]),
  ["dnsServers", ["1.1.1.1,6.6.6.6"]],
  ["dnsServers", ["1.1.1.1\nserver=6.6.6.6"]],
  ["dhcpMode", "full\nport=53"],
  ["extraKernelArgs", "talos.config=${evil}"],
] as [string, unknown][];

let token: string;
let id: string;
let applied: string;

beforeAll(async () => {
  token = await createAdminToken();
  // A fresh DB: POSTs carrying an injection create nothing.
  for (const [field, value] of cases.slice(0, 20)) {
    const response = await POST(jsonRequest("/api/v1/network/settings", { ...valid, [field]: value }, { headers: adminHeaders(token) }), segment());
    expect(response.status, `${field}=${JSON.stringify(value)}`).toBe(422);
  }
  expect(await prisma.networkSettings.count()).toBe(0);
  const created = await POST(jsonRequest("/api/v1/network/settings", valid, { headers: adminHeaders(token) }), segment());
  expect(created.status).toBe(201);
  id = (await created.json()).id;
  expect((await apply(jsonRequest("/api/v1/network/settings/apply", {}, { headers: adminHeaders(token) }), segment())).status).toBe(200);
  applied = await readFile(paths().dnsmasqConf, "utf8");
});

describe("settings injection", () => {
  it.each(cases)("PUT %s = %j → 422, nothing changes", async (field, value) => {
    const before = await prisma.networkSettings.findFirstOrThrow();
    const response = await PUT(
      jsonRequest(`/api/v1/network/settings/${id}`, { [field]: value }, { method: "PUT", headers: adminHeaders(token) }),
      segment({ id }),
    );
    expect(response.status).toBe(422);
    expect((await response.json()).error.code).toBe("validation_failed");
    expect(await prisma.networkSettings.findFirstOrThrow()).toEqual(before);
  });

  it("a comma in extraKernelArgs is accepted and leaves dnsmasq.conf unchanged", async () => {
    const response = await PUT(
      jsonRequest(`/api/v1/network/settings/${id}`, { extraKernelArgs: "console=ttyS0,115200n8" }, { method: "PUT", headers: adminHeaders(token) }),
      segment({ id }),
    );
    expect(response.status).toBe(200);
  });

  it("applying after all refused changes renders the identical file", async () => {
    expect((await apply(jsonRequest("/api/v1/network/settings/apply", {}, { headers: adminHeaders(token) }), segment())).status).toBe(200);
    expect(await readFile(paths().dnsmasqConf, "utf8")).toBe(applied);
  });
});
