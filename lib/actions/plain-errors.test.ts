import { describe, expect, it } from "vitest";
import { z } from "zod";
import { plainFieldErrors, plainIssues } from "@/lib/actions/plain-errors";
import { networkSettingsFormSchema } from "@/lib/schemas/network-form";
import { ruleFormSchema } from "@/lib/schemas/rule";

const issuesOf = (schema: z.ZodType, value: unknown) => {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error("expected a failure");

  return parsed.error.issues;
};

const networkForm = {
  interface: "eth0",
  serverIp: "10.0.0.2",
  httpBaseUrl: "http://10.0.0.2:3000",
  dhcpMode: "full",
  dhcpRangeStart: "10.0.0.100",
  dhcpRangeEnd: "10.0.0.200",
  netmask: "255.255.255.0",
};

describe("plainIssues", () => {
  it.each([
    ["a number over its bound", { maxPendingDevices: "99999999999999999999" }, "maxPendingDevices", "Pending devices at most must be at most 1,000,000."],
    ["a number under its bound", { ipxePollSeconds: "0" }, "ipxePollSeconds", "Pending poll interval must be at least 1."],
    ["text in a number field", { ipxePollSeconds: "ten" }, "ipxePollSeconds", "Pending poll interval must be a number."],
    ["a bad server IP", { serverIp: "10.0.0.300" }, "serverIp", "Server IP must be an IPv4 address like 10.0.0.1."],
    ["a bad range start (union with empty)", { dhcpRangeStart: "nope" }, "dhcpRangeStart", "Range start must be an IPv4 address like 10.0.0.1."],
    ["a code name inside the message", { leaseTime: "1" }, "leaseTime", "Lease time must be at least 2 minutes."],
    ["a bad enum", { identityCheck: "maybe" }, "identityCheck", "Identity check must be strict, ip-only or off."],
    ["a missing required field", { interface: "" }, "interface", "Interface must be a Linux interface name like eth0 or enp3s0."],
  ])("%s", (_name, change, field, message) => {
    const errors = plainFieldErrors(issuesOf(networkSettingsFormSchema, { ...networkForm, ...change }));
    expect(errors[field]).toEqual([message]);
  });

  it("gives one error per field, never zod's safe-integer bound", () => {
    const issues = issuesOf(networkSettingsFormSchema, { ...networkForm, maxPendingDevices: "99999999999999999999" });
    expect(issues.length).toBeGreaterThan(1);
    const plain = plainIssues(issues);
    expect(plain).toHaveLength(1);
    expect(plain[0]?.message).not.toMatch(/9007199254740991|Too big|expected/);
  });

  it.each([
    ["priority over 100,000", { name: "r", macPattern: "*", priority: "100001" }, "priority", "Priority must be at most 100,000."],
    ["no name", { name: "", macPattern: "*" }, "name", "Name is required."],
    ["a name of control characters", { name: "a\u0007b", macPattern: "*" }, "name", "Name must not contain control characters."],
    ["a pool with one end", { name: "r", macPattern: "*", ipPoolStart: "10.0.0.5" }, "ipPoolEnd", "IP pool end is required when IP pool start is set (an IP pool needs both ends)."],
    ["a reject rule with a role", { name: "r", macPattern: "*", action: "reject", role: "worker" }, "role", "A reject rule assigns nothing: leave role empty."],
    ["a controlplane rule without the checkbox", { name: "r", macPattern: "*", role: "controlplane" }, "allowControlPlane", "A rule approving as controlplane needs Allow approving as controlplane (control-plane configs carry the cluster CA keys)."],
  ])("rule form: %s", (_name, form, field, message) => {
    expect(plainFieldErrors(issuesOf(ruleFormSchema, form))[field]).toEqual([message]);
  });

  it.each([
    [z.object({ name: z.string().max(5) }), { name: "abcdefgh" }, "Name must be at most 5 characters."],
    [z.object({ name: z.string().min(1) }), { name: "" }, "Name is required."],
    [z.object({ name: z.string() }), {}, "Name is required."],
    [z.object({ dnsServers: z.array(z.string()).max(2) }), { dnsServers: ["a", "b", "c"] }, "DNS servers may hold at most 2 entries."],
    [z.object({ priority: z.number().lt(10) }), { priority: 10 }, "Priority must be less than 10."],
    [z.object({ role: z.enum(["worker", "controlplane"]) }), { role: "boss" }, "Role must be one of worker, controlplane."],
    [z.object({ someNewField: z.boolean() }), { someNewField: "x" }, "Some new field must be on or off."],
  ])("zod's own messages in human terms (%#)", (schema, value, message) => {
    expect(plainIssues(issuesOf(schema, value))[0]?.message).toBe(message);
  });

  it("takes the form's own label over the shared one", () => {
    expect(plainFieldErrors(issuesOf(z.object({ name: z.string().min(1) }), { name: "" }), { name: "Cluster name" })).toEqual({ name: ["Cluster name is required."] });
  });

  it("puts issues without a path on the form, and unknown keys there too", () => {
    expect(plainFieldErrors([{ path: "", message: "something is off" }])).toEqual({ _form: ["Something is off."] });
    expect(plainIssues(issuesOf(z.strictObject({}), { bogus: 1 }))[0]?.message).toBe("Unknown field: bogus.");
  });
});
