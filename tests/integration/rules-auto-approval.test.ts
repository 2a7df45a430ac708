import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as register } from "@/app/api/v1/devices/register/route";
import { GET as dryRun } from "@/app/api/v1/rules/[id]/dry-run/route";
import { DELETE as deleteRule, GET as getRule, PUT as putRule } from "@/app/api/v1/rules/[id]/route";
import { GET as listRules, POST as postRule } from "@/app/api/v1/rules/route";
import { prisma } from "@/lib/db/client";
import { adminHeaders, createAdminToken } from "@/tests/helpers/admin";
import { machineRequest, noParams, seedNetworkSettings } from "@/tests/helpers/boot-fixtures";
import { identityTable } from "@/tests/helpers/identity-table";

let token: string;
const api = (path: string, method = "GET", body?: unknown) =>
  new Request(`http://ktizo.test${path}`, { method, headers: adminHeaders(token), body: body === undefined ? undefined : JSON.stringify(body) });
const params = (id: string) => ({ params: Promise.resolve({ id }) });

// Every machine of these tests registers from its own address in 10.42.0.0/16, bound to its MAC
// in the neighbour table (the stand-in of tests/helpers/identity-table.ts); approving rules name
// that subnet, as a rule must to approve anything.
const lan = "10.42.0.0/16";
const table = identityTable();
let nextHost = 0;

const createRule = async (body: Record<string, unknown>) => {
  const withSubnets = body.action === "reject" || "sourceSubnets" in body ? body : { sourceSubnets: [lan], ...body };
  const response = await postRule(api("/api/v1/rules", "POST", withSubnets), noParams);
  expect(response.status, JSON.stringify(await response.clone().json())).toBe(201);

  return (await response.json()) as { id: string; name: string };
};

type RegisterOptions = { ip?: string; bind?: boolean };

const registerMac = (mac: string, extra: Record<string, string> = {}, { ip, bind = true }: RegisterOptions = {}) => {
  nextHost += 1;
  const source = ip ?? `10.42.${1 + Math.floor(nextHost / 250)}.${1 + (nextHost % 250)}`;
  if (bind) table.neighbour(source, mac);

  return register(
    machineRequest("/api/v1/devices/register", { ip: source, method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ mac, ...extra }) }),
    noParams,
  );
};

const mac = (prefix: string, n: number) => `${prefix}:${(n >> 8).toString(16).padStart(2, "0")}:${(n & 255).toString(16).padStart(2, "0")}`;

beforeAll(async () => {
  token = await createAdminToken();
  await seedNetworkSettings({ identityCheck: "strict" });
  table.install();
});

afterAll(() => table.uninstall());

beforeEach(async () => {
  await prisma.device.deleteMany();
  await prisma.approvalRule.deleteMany();
  await prisma.deviceGroup.deleteMany();
  await prisma.event.deleteMany();
  table.clear();
});

describe("rules API", () => {
  it("creates, lists in priority order, updates, and deletes", async () => {
    const late = await createRule({ name: "late", priority: 50, macPattern: "*", action: "reject" });
    const early = await createRule({ name: "early", priority: 5, ouiPrefix: "AC-1F-6B", role: "worker" });
    const list = (await (await listRules(api("/api/v1/rules"), noParams)).json()) as { items: { id: string; ouiPrefix: string | null }[] };
    expect(list.items.map((rule) => rule.id)).toEqual([early.id, late.id]);
    expect(list.items[0]?.ouiPrefix).toBe("ac:1f:6b");

    const updated = await putRule(api(`/api/v1/rules/${early.id}`, "PUT", { priority: 500, maxMatches: 3 }), params(early.id));
    expect(await updated.json()).toMatchObject({ priority: 500, maxMatches: 3, ouiPrefix: "ac:1f:6b", role: "worker" });
    expect(await prisma.event.count({ where: { type: "rule.saved" } })).toBe(3);

    expect((await deleteRule(api(`/api/v1/rules/${late.id}`, "DELETE"), params(late.id))).status).toBe(204);
    expect((await getRule(api(`/api/v1/rules/${late.id}`), params(late.id))).status).toBe(404);
  });

  it.each([
    ["no criterion", { name: "x", role: "worker" }, "macPattern"],
    ["an approving rule without a role", { name: "x", macPattern: "*" }, "role"],
    ["a bad OUI", { name: "x", ouiPrefix: "52:54", role: "worker" }, "ouiPrefix"],
    ["a MAC pattern with a newline", { name: "x", macPattern: "52:\n*", role: "worker" }, "macPattern"],
    ["a bad hostname pattern", { name: "x", macPattern: "*", role: "worker", hostnamePattern: "Worker_{n}" }, "hostnamePattern"],
    ["half a pool", { name: "x", macPattern: "*", role: "worker", ipPoolStart: "10.42.0.10" }, "ipPoolEnd"],
    ["a pool outside the subnet", { name: "x", macPattern: "*", role: "worker", ipPoolStart: "10.43.0.10", ipPoolEnd: "10.43.0.20" }, "ipPoolStart"],
    ["a pool overlapping the DHCP range", { name: "x", macPattern: "*", role: "worker", ipPoolStart: "10.42.0.90", ipPoolEnd: "10.42.0.110" }, "ipPoolStart"],
    ["a reject rule with a pool", { name: "x", macPattern: "*", action: "reject", ipPoolStart: "10.42.0.10", ipPoolEnd: "10.42.0.20" }, "ipPoolStart"],
    ["an unknown group", { name: "x", macPattern: "*", role: "worker", groupId: "nope" }, "groupId"],
    ["an unknown field", { name: "x", macPattern: "*", role: "worker", matchCount: 0 }, ""],
  ])("refuses %s with 422 and creates nothing", async (_name, body, path) => {
    const response = await postRule(api("/api/v1/rules", "POST", body), noParams);
    expect(response.status).toBe(422);
    const error = ((await response.json()) as { error: { issues?: { path: string }[] } }).error;
    if (path) expect(error.issues?.map((issue) => issue.path)).toContain(path);
    expect(await prisma.approvalRule.count()).toBe(0);
  });

  it("needs a login", async () => {
    const response = await listRules(new Request("http://ktizo.test/api/v1/rules"), noParams);
    expect(response.status).toBe(401);
  });

  it("an edit that would make the rule invalid is refused and changes nothing", async () => {
    const rule = await createRule({ name: "r", macPattern: "*", role: "worker" });
    const response = await putRule(api(`/api/v1/rules/${rule.id}`, "PUT", { action: "reject", hostnamePattern: "w-{n}" }), params(rule.id));
    expect(response.status).toBe(422);
    expect(await prisma.approvalRule.findUniqueOrThrow({ where: { id: rule.id } })).toMatchObject({ action: "approve", hostnamePattern: null });
  });
});

describe("rules on registration", () => {
  it("the lowest priority number wins, and the event names the rule", async () => {
    await createRule({ name: "catch-all reject", priority: 1000, macPattern: "*", action: "reject" });
    const rack = await createRule({ name: "rack 1", priority: 10, ouiPrefix: "52:54:00", role: "controlplane", allowControlPlane: true });
    await createRule({ name: "rack 1 too", priority: 20, macPattern: "52:54:00:*", role: "worker" });

    expect(await (await registerMac("52:54:00:00:00:01")).json()).toMatchObject({ status: "approved" });
    expect(await (await registerMac("ac:1f:6b:00:00:01")).json()).toMatchObject({ status: "rejected" });

    const device = await prisma.device.findUniqueOrThrow({ where: { mac: "52:54:00:00:00:01" } });
    expect(device).toMatchObject({ ruleId: rack.id, role: "controlplane", approvedBy: "rule rack 1" });
    const event = await prisma.event.findFirstOrThrow({ where: { type: "device.approved", deviceId: device.id } });
    expect(event).toMatchObject({ actorType: "rule", actorId: rack.id, actorName: "rack 1" });
    const rejected = await prisma.event.findFirstOrThrow({ where: { type: "device.rejected" } });
    expect(rejected).toMatchObject({ actorType: "rule", actorName: "catch-all reject" });
  });

  it("matches on arch, UUID and serial globs, and leaves non-matching devices pending", async () => {
    await createRule({ name: "arm", arch: "arm64", serialPattern: "RPI-*", uuidPattern: "0a1b*", role: "worker" });
    const uuid = "0a1b2c3d-0000-4000-8000-000000000001";
    expect(await (await registerMac("02:00:00:00:00:01", { arch: "arm64", serial: "rpi-77", uuid })).json()).toMatchObject({ status: "approved" });
    expect(await (await registerMac("02:00:00:00:00:02", { arch: "x86_64", serial: "RPI-78", uuid })).json()).toMatchObject({ status: "pending" });
    expect(await (await registerMac("02:00:00:00:00:03", { arch: "arm64", serial: "RPI-79" })).json()).toMatchObject({ status: "pending" });
  });

  it("disabled rules do nothing; a group supplies role and hostname pattern", async () => {
    const group = await prisma.deviceGroup.create({ data: { name: "edge", role: "worker", hostnamePattern: "edge-{n:2}" } });
    const off = await createRule({ name: "off", priority: 1, macPattern: "*", action: "reject" });
    const disabled = await putRule(api(`/api/v1/rules/${off.id}`, "PUT", { enabled: false }), params(off.id));
    expect(disabled.status, await disabled.clone().text()).toBe(200);
    await createRule({ name: "edge", priority: 2, macPattern: "*", groupId: group.id });
    expect(await (await registerMac("02:00:00:00:01:01")).json()).toMatchObject({ status: "approved" });
    const device = await prisma.device.findUniqueOrThrow({ where: { mac: "02:00:00:00:01:01" } });
    expect(device).toMatchObject({ role: "worker", hostname: "edge-01", groupId: group.id });
  });

  it("maxMatches is never exceeded under concurrent registrations, then the next rule acts", async () => {
    const limited = await createRule({ name: "first five", priority: 1, macPattern: "02:00:*", role: "worker", maxMatches: 5 });
    await createRule({ name: "rest", priority: 2, macPattern: "02:00:*", action: "reject" });
    const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => registerMac(mac("02:00:00:00", i))));
    expect(responses.map((response) => response.status).filter((status) => status >= 400)).toEqual([]);
    expect(await prisma.device.count({ where: { status: "approved" } })).toBe(5);
    expect(await prisma.device.count({ where: { status: "rejected" } })).toBe(35);
    expect(await prisma.approvalRule.findUniqueOrThrow({ where: { id: limited.id } })).toMatchObject({ matchCount: 5 });
  });

  it("hostname numbering and the IP pool never hand out a duplicate, skip taken values and stop when the pool is full", async () => {
    await prisma.device.create({ data: { mac: "0e:00:00:00:00:01", hostname: "worker-2", ipAddress: "10.42.0.51", status: "approved" } });
    // The pool spans ktizo's own address (.2 is outside) and the gateway is .1: both skipped too.
    await createRule({ name: "pool", macPattern: "02:00:*", role: "worker", hostnamePattern: "worker-{n}", ipPoolStart: "10.42.0.50", ipPoolEnd: "10.42.0.59" });
    const responses = await Promise.all(Array.from({ length: 30 }, (_, i) => registerMac(mac("02:00:00:00", i))));
    expect(responses.map((response) => response.status).filter((status) => status >= 400)).toEqual([]);

    const approved = await prisma.device.findMany({ where: { status: "approved", ruleId: { not: null } } });
    expect(approved).toHaveLength(9);
    const hostnames = approved.map((device) => device.hostname!);
    const ips = approved.map((device) => device.ipAddress!);
    expect(new Set(hostnames).size).toBe(9);
    expect(new Set(ips).size).toBe(9);
    expect(hostnames).not.toContain("worker-2");
    expect(ips).not.toContain("10.42.0.51");
    expect(new Set(hostnames)).toEqual(new Set(["worker-1", ...Array.from({ length: 8 }, (_, i) => `worker-${i + 3}`)]));
    ips.forEach((ip) => expect(Number(ip.split(".")[3])).toBeGreaterThanOrEqual(50));
    expect(await prisma.device.count({ where: { status: "pending" } })).toBe(21);
  });
});

describe("dry-run", () => {
  it("lists the pending devices a rule matches and changes nothing", async () => {
    await registerMac("52:54:00:aa:00:01");
    await registerMac("52:54:00:aa:00:02", { arch: "arm64" });
    await registerMac("ac:1f:6b:aa:00:03");
    await prisma.device.update({ where: { mac: "52:54:00:aa:00:02" }, data: { status: "rejected" } });
    const rule = await createRule({ name: "qemu", ouiPrefix: "525400", role: "worker", maxMatches: 10 });
    const before = await prisma.device.findMany({ orderBy: { mac: "asc" } });

    const response = await dryRun(api(`/api/v1/rules/${rule.id}/dry-run`), params(rule.id));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { wouldAct: boolean; remaining: number; matches: { mac: string }[] };
    expect(body).toMatchObject({ wouldAct: true, remaining: 10 });
    expect(body.matches.map((match) => match.mac)).toEqual(["52:54:00:aa:00:01"]);
    expect(await prisma.device.findMany({ orderBy: { mac: "asc" } })).toEqual(before);
    expect(await prisma.approvalRule.findUniqueOrThrow({ where: { id: rule.id } })).toMatchObject({ matchCount: 0 });
  });
});

describe("rules cannot open the gate on their own", () => {
  const statusOf = async (response: Response) => ((await response.json()) as { status: string }).status;

  it("a catch-all rule approves a bound request from its subnet, and nothing from outside it", async () => {
    await createRule({ name: "catch-all", macPattern: "*", role: "worker", sourceSubnets: ["10.42.7.0/24"] });
    expect(await statusOf(await registerMac("02:00:00:00:07:01", {}, { ip: "10.42.7.10" }))).toBe("approved");
    expect(await statusOf(await registerMac("02:00:00:00:07:02", {}, { ip: "10.42.8.10" }))).toBe("pending");
    expect(await statusOf(await registerMac("02:00:00:00:07:03", {}, { ip: "192.168.7.10" }))).toBe("pending");
    expect(await prisma.approvalRule.findFirstOrThrow({ where: { name: "catch-all" } })).toMatchObject({ matchCount: 1 });
  });

  it("a catch-all rule does not approve a request that fails the identity check", async () => {
    await createRule({ name: "catch-all", macPattern: "*", role: "worker", sourceSubnets: ["10.42.0.0/16"] });
    // Unverifiable: nothing binds the address (a routed client, or a made-up MAC from a host whose own MAC owns the address).
    expect(await statusOf(await registerMac("02:00:00:00:08:01", {}, { ip: "10.42.9.1", bind: false }))).toBe("pending");
    // Mismatch: the address belongs to another MAC.
    table.neighbour("10.42.9.2", "02:00:00:00:08:99");
    expect(await statusOf(await registerMac("02:00:00:00:08:02", {}, { ip: "10.42.9.2", bind: false }))).toBe("pending");
    const devices = await prisma.device.findMany({ where: { mac: { in: ["02:00:00:00:08:01", "02:00:00:00:08:02"] } }, orderBy: { mac: "asc" } });
    expect(devices.map((device) => device.identityStatus)).toEqual(["unverifiable", "mismatch"]);
    expect(await prisma.event.count({ where: { type: "device.approved" } })).toBe(0);
  });

  it("a rule without source subnets approves nothing; a reject rule still rejects", async () => {
    await createRule({ name: "no subnets", priority: 1, macPattern: "*", role: "worker", sourceSubnets: [] });
    expect(await statusOf(await registerMac("02:00:00:00:09:01"))).toBe("pending");
    await createRule({ name: "reject rest", priority: 2, macPattern: "*", action: "reject" });
    expect(await statusOf(await registerMac("02:00:00:00:09:02", {}, { bind: false }))).toBe("rejected");
  });

  it("rules saved before subnets existed (no subnets stored) approve nothing", async () => {
    await prisma.approvalRule.create({ data: { name: "legacy", macPattern: "*", role: "worker" } });
    expect(await statusOf(await registerMac("02:00:00:00:0a:01"))).toBe("pending");
  });

  it.each([
    ["bad CIDR", { sourceSubnets: ["10.0.0.0"] }, "sourceSubnets.0"],
    ["host bits set", { sourceSubnets: ["10.0.0.5/24"] }, "sourceSubnets.0"],
    ["controlplane without allowControlPlane", { role: "controlplane" }, "allowControlPlane"],
  ])("refuses %s at save with a field error and creates nothing", async (_name, fields, path) => {
    const response = await postRule(api("/api/v1/rules", "POST", { name: "x", macPattern: "*", role: "worker", sourceSubnets: [lan], ...fields }), noParams);
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: { issues: { path: string; message: string }[] } };
    expect(body.error.issues.map((issue) => issue.path)).toContain(path);
    expect(await prisma.approvalRule.count()).toBe(0);
  });

  it("refuses a rule whose group assigns controlplane unless allowControlPlane is set", async () => {
    const group = await prisma.deviceGroup.create({ data: { name: "cp", role: "controlplane" } });
    const refused = await postRule(api("/api/v1/rules", "POST", { name: "x", macPattern: "*", groupId: group.id, sourceSubnets: [lan] }), noParams);
    expect(refused.status).toBe(422);
    expect(JSON.stringify(await refused.json())).toContain("allowControlPlane");
    const allowed = await createRule({ name: "cp ok", macPattern: "*", groupId: group.id, allowControlPlane: true });
    expect(allowed.name).toBe("cp ok");
    expect(await statusOf(await registerMac("02:00:00:00:0b:01"))).toBe("approved");
    expect(await prisma.device.findUniqueOrThrow({ where: { mac: "02:00:00:00:0b:01" } })).toMatchObject({ role: "controlplane" });
  });

  it("dry-run shows which matches the gate would stop, and why", async () => {
    await registerMac("52:54:00:bb:00:01", {}, { ip: "10.42.20.1" });
    await registerMac("52:54:00:bb:00:02", {}, { ip: "10.99.0.2" });
    await registerMac("52:54:00:bb:00:03", {}, { ip: "10.42.20.3", bind: false });
    const rule = await createRule({ name: "qemu", ouiPrefix: "525400", role: "worker", sourceSubnets: ["10.42.20.0/24"] });
    const body = (await (await dryRun(api(`/api/v1/rules/${rule.id}/dry-run`), params(rule.id))).json()) as {
      wouldAct: boolean;
      blockedReason: string | null;
      matches: { mac: string; wouldDecide: boolean; blockedBy: string | null }[];
    };
    expect(body).toMatchObject({ wouldAct: true, blockedReason: null });
    expect(body.matches.map(({ mac: m, wouldDecide }) => [m, wouldDecide])).toEqual([
      ["52:54:00:bb:00:01", true],
      ["52:54:00:bb:00:02", false],
      ["52:54:00:bb:00:03", false],
    ]);
    expect(body.matches[1]?.blockedBy).toMatch(/not in the rule's subnets/);
    expect(body.matches[2]?.blockedBy).toMatch(/not verified/);

    const bare = await createRule({ name: "bare", ouiPrefix: "525400", role: "worker", sourceSubnets: [] });
    const bareRun = (await (await dryRun(api(`/api/v1/rules/${bare.id}/dry-run`), params(bare.id))).json()) as { wouldAct: boolean; blockedReason: string };
    expect(bareRun).toMatchObject({ wouldAct: false, blockedReason: "the rule names no source subnets, so it approves nothing" });
  });
});
