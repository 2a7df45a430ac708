import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PUT as putRule } from "@/app/api/v1/rules/[id]/route";
import { POST as postRule } from "@/app/api/v1/rules/route";
import { prisma } from "@/lib/db/client";
import { ruleFormSchema } from "@/lib/schemas/rule";
import { createRule } from "@/lib/services/rules";
import { adminHeaders, createAdminToken } from "@/tests/helpers/admin";
import { noParams, seedNetworkSettings } from "@/tests/helpers/boot-fixtures";

// Rules checked against the other rules: a taken name is refused, a rule another one always takes
// first (or that makes another never act) is saved with a warning; the form's defaults save.
let token: string;
const api = (path: string, method: string, body: unknown) =>
  new Request(`http://ktizo.test${path}`, { method, headers: adminHeaders(token), body: JSON.stringify(body) });
const actor = { type: "system", name: "rules-peers test" } as const;
const base = { priority: 100, enabled: true, action: "approve", role: "worker", sourceSubnets: ["10.42.0.0/16"], allowControlPlane: false } as const;

beforeAll(async () => {
  token = await createAdminToken();
  await seedNetworkSettings({});
});

beforeEach(async () => {
  await prisma.approvalRule.deleteMany();
  await prisma.event.deleteMany();
});

describe("rule names", () => {
  it("refuses a second rule of the same name (any case), naming the field, and stores nothing", async () => {
    const first = await postRule(api("/api/v1/rules", "POST", { ...base, name: "Lab workers", macPattern: "52:54:00:*" }), noParams);
    expect(first.status).toBe(201);
    const second = await postRule(api("/api/v1/rules", "POST", { ...base, name: " lab WORKERS ", macPattern: "aa:*" }), noParams);
    expect(second.status).toBe(409);
    const body = (await second.json()) as { error: { message: string; issues: { path: string; message: string }[] } };
    expect(body.error.issues).toEqual([{ path: "name", message: "A rule named Lab workers already exists: choose another name." }]);
    expect(await prisma.approvalRule.count()).toBe(1);
  });

  it("refuses renaming a rule to another's name, and lets a rule keep its own", async () => {
    await createRule({ input: ruleFormSchema.parse({ ...base, name: "a", macPattern: "aa:*" }), actor, sourceIp: null });
    const b = await createRule({ input: ruleFormSchema.parse({ ...base, name: "b", macPattern: "bb:*" }), actor, sourceIp: null });
    expect((await putRule(api(`/api/v1/rules/${b.id}`, "PUT", { name: "A" }), { params: Promise.resolve({ id: b.id }) })).status).toBe(409);
    expect((await putRule(api(`/api/v1/rules/${b.id}`, "PUT", { name: "b", priority: 7 }), { params: Promise.resolve({ id: b.id }) })).status).toBe(200);
    expect((await prisma.approvalRule.findUniqueOrThrow({ where: { id: b.id } })).name).toBe("b");
  });
});

describe("rules that can never act", () => {
  it("warns when an earlier rule takes every machine this one matches, and when this one shadows a later one", async () => {
    const broad = await createRule({ input: ruleFormSchema.parse({ ...base, name: "everything", priority: 10, macPattern: "*" }), actor, sourceIp: null });
    expect(broad.warnings).toEqual([]);
    const narrow = await createRule({ input: ruleFormSchema.parse({ ...base, name: "qemu", priority: 50, macPattern: "52:54:00:*" }), actor, sourceIp: null });
    expect(narrow.warnings).toEqual(["Rule everything (priority 10) comes first and takes every machine this rule matches, so this rule will never act."]);
    // Saved anyway: reordering passes through such states, and the admin may fix the other rule next.
    expect(await prisma.approvalRule.count()).toBe(2);
    const first = await createRule({ input: ruleFormSchema.parse({ ...base, name: "first", priority: 1, macPattern: "52:*" }), actor, sourceIp: null });
    expect(first.warnings).toEqual(["This rule comes before rule qemu (priority 50) and takes every machine it matches, so qemu will never act."]);
  });

  it("does not warn when the earlier rule can fall through (a match limit)", async () => {
    await createRule({ input: ruleFormSchema.parse({ ...base, name: "first five", priority: 10, macPattern: "*", maxMatches: 5 }), actor, sourceIp: null });
    const later = await createRule({ input: ruleFormSchema.parse({ ...base, name: "rest", priority: 50, macPattern: "*" }), actor, sourceIp: null });
    expect(later.warnings).toEqual([]);
  });

  it("refuses a rule whose MAC pattern and OUI prefix contradict each other", () => {
    const parsed = ruleFormSchema.safeParse({ name: "never", macPattern: "aa:bb:*", ouiPrefix: "52:54:00", role: "worker" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join("."))).toEqual(["ouiPrefix"]);
  });
});

describe("the rule form's defaults", () => {
  it("save as they are with only a name (every MAC, as worker, enabled, approving nothing until it has subnets)", async () => {
    const form = { name: "defaults", priority: "100", action: "approve", role: "worker", groupId: "", macPattern: "*", ouiPrefix: "", uuidPattern: "", serialPattern: "", arch: "", hostnamePattern: "", ipPoolStart: "", ipPoolEnd: "", maxMatches: "", sourceSubnets: "", enabled: "on" };
    const rule = await createRule({ input: ruleFormSchema.parse(form), actor, sourceIp: null });
    expect(rule).toMatchObject({ name: "defaults", priority: 100, macPattern: "*", role: "worker", enabled: true, maxMatches: null });
  });
});
