import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signPayload, verifySignature } from "@/lib/domain/webhooks/signature";

describe("signPayload", () => {
  it("is HMAC-SHA256 over `${timestamp}.${body}` in hex", () => {
    const body = JSON.stringify({ event: "device.approved" });
    const expected = createHmac("sha256", "s3cret").update(`1700000000.${body}`).digest("hex");
    expect(signPayload({ secret: "s3cret", timestamp: 1_700_000_000, body })).toBe(`sha256=${expected}`);
  });
});

describe("verifySignature", () => {
  const signed = { secret: "s3cret", timestamp: 1_700_000_000, body: '{"a":1}' };
  const signature = signPayload(signed);

  it.each([
    ["the right signature", { ...signed, signature }, true],
    ["another secret", { ...signed, secret: "other", signature }, false],
    ["a changed body", { ...signed, body: '{"a":2}', signature }, false],
    ["a changed timestamp", { ...signed, timestamp: 1_700_000_001, signature }, false],
    ["a truncated signature", { ...signed, signature: signature.slice(0, 20) }, false],
    ["within tolerance", { ...signed, signature, nowSeconds: 1_700_000_100 }, true],
    ["a stale timestamp", { ...signed, signature, nowSeconds: 1_700_001_000 }, false],
  ])("%s → %s", (_name, options, expected) => {
    expect(verifySignature(options)).toBe(expected);
  });
});
