import { describe, expect, it } from "vitest";
import { buildPayload, isWebhookEventType, subscribedTo } from "@/lib/domain/webhooks/payload";

describe("buildPayload", () => {
  it("serialises the event with ISO time and null defaults", () => {
    const payload = buildPayload({
      event: "device.approved",
      eventId: "ev1",
      occurredAt: new Date("2026-11-29T12:00:00Z"),
      actor: { type: "rule", name: "rack 1" },
    });
    expect(payload).toEqual({
      event: "device.approved",
      eventId: "ev1",
      occurredAt: "2026-11-29T12:00:00.000Z",
      actor: { type: "rule", name: "rack 1" },
      device: null,
      details: {},
    });
  });
});

describe("isWebhookEventType / subscribedTo", () => {
  it.each([
    ["device.registered", true],
    ["settings.applied", true],
    ["auth.login", false],
    ["webhook.test", false],
  ])("%s subscribable=%s", (type, expected) => {
    expect(isWebhookEventType(type)).toBe(expected);
  });

  it("matches exact names only", () => {
    expect(subscribedTo("device.approved", ["device.approved"])).toBe(true);
    expect(subscribedTo("device.approved", ["device.*"])).toBe(false);
  });
});
