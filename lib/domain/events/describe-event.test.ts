import { describe, expect, it } from "vitest";
import { describeEvent, type EventInput } from "@/lib/domain/events/describe-event";

const event = (fields: Partial<EventInput>): EventInput => ({ type: "device.approved", actor: { type: "user", id: "u1", name: "admin" }, sourceIp: null, deviceId: null, details: {}, ...fields });

describe("describeEvent", () => {
  it.each<[string, Partial<EventInput>, { title: string; detail: string; links: { href: string; label: string }[] }]>([
    [
      "an approval by an admin, linked to the device",
      { deviceId: "d1", sourceIp: "10.0.0.9", details: { mac: "52:54:00:00:00:01", role: "worker" } },
      { title: "Approved", detail: "by admin · from 10.0.0.9 · role: worker", links: [{ href: "/devices/d1", label: "52:54:00:00:00:01" }] },
    ],
    [
      "an approval by a rule, linked to the rule",
      { deviceId: "d1", actor: { type: "rule", id: "r1", name: "lab" }, details: { mac: "52:54:00:00:00:01", role: "worker" } },
      { title: "Approved", detail: "by rule lab · role: worker", links: [{ href: "/devices/d1", label: "52:54:00:00:00:01" }, { href: "/rules/r1", label: "rule lab" }] },
    ],
    [
      "a config download by the machine",
      { type: "config.downloaded", deviceId: "d1", actor: { type: "device", id: "d1", name: "52:54:00:00:00:01" }, sourceIp: "10.0.0.21", details: { source: "token", count: 1, wasReinstall: false } },
      { title: "Config downloaded", detail: "by the machine · from 10.0.0.21 · source: token · count: 1 · was reinstall: no", links: [{ href: "/devices/d1", label: "52:54:00:00:00:01" }] },
    ],
    [
      "a saved webhook, linked, without its id",
      { type: "webhook.saved", details: { webhookId: "w1", name: "chat", url: "https://hooks.example/x", created: true } },
      { title: "Webhook saved", detail: "by admin · name: chat · url: https://hooks.example/x · created: yes", links: [{ href: "/webhooks/w1", label: "webhook chat" }] },
    ],
    [
      "a deleted group (nothing to link to)",
      { type: "group.deleted", details: { groupId: "g1", name: "rack A", devices: 3 } },
      { title: "Group deleted", detail: "by admin · name: rack A · devices: 3", links: [] },
    ],
    [
      "an unknown type, nested details, a long value",
      { type: "cluster.something_new", actor: { type: "system", id: null, name: null }, details: { conflicts: [{ field: "uuid", reported: "x" }], long: "a".repeat(100) } },
      { title: "Cluster something new", detail: `by ktizo · conflicts: field uuid reported x · long: ${"a".repeat(77)}…`, links: [] },
    ],
  ])("%s", (_name, fields, expected) => {
    expect(describeEvent(event(fields))).toMatchObject(expected);
  });
});
