import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { seal, unseal } from "@/lib/crypto/secret-box";

describe("seal / unseal", () => {
  const key = randomBytes(32);

  it("round-trips and never contains the plaintext", () => {
    const envelope = seal({ key, plaintext: "-----BEGIN PRIVATE KEY-----", purpose: "cluster.secrets" });
    expect(envelope).toMatch(/^v1:[A-Za-z0-9+/=]+$/);
    expect(envelope).not.toContain("BEGIN");
    expect(unseal({ key, envelope, purpose: "cluster.secrets" })).toBe("-----BEGIN PRIVATE KEY-----");
  });

  it("refuses another key, another purpose or a tampered envelope", () => {
    const envelope = seal({ key, plaintext: "secret", purpose: "a" });
    expect(() => unseal({ key: randomBytes(32), envelope, purpose: "a" })).toThrow(/cannot be decrypted/);
    expect(() => unseal({ key, envelope, purpose: "b" })).toThrow(/cannot be decrypted/);
    const tampered = `${envelope.slice(0, -4)}AAA=`;
    expect(() => unseal({ key, envelope: tampered, purpose: "a" })).toThrow(/cannot be decrypted/);
    expect(() => unseal({ key, envelope: "v0:xyz", purpose: "a" })).toThrow(/unknown format/);
  });
});
