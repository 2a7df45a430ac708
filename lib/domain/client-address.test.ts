import { describe, expect, it } from "vitest";
import { clientAddressOf, parseTrustedProxies, type TrustedProxies } from "@/lib/domain/client-address";

const trusted = (text: string): TrustedProxies => {
  const parsed = parseTrustedProxies(text);
  if (!parsed.ok) throw new Error(`bad ${parsed.entry}`);

  return parsed.value;
};

describe("clientAddressOf", () => {
  it.each([
    // No trusted proxies: the socket address, whatever the header says.
    ["", "10.0.0.5", "6.6.6.6", "10.0.0.5"],
    ["", "::ffff:10.0.0.5", undefined, "10.0.0.5"],
    // Peer not in the list: the header is ignored.
    ["10.1.0.0/16", "10.0.0.5", "6.6.6.6", "10.0.0.5"],
    // Peer trusted: the right-most entry that is not a trusted proxy.
    ["10.1.0.0/16", "10.1.0.1", "6.6.6.6, 192.0.2.7", "192.0.2.7"],
    ["10.1.0.0/16", "10.1.0.1", "6.6.6.6, 192.0.2.7, 10.1.0.9", "192.0.2.7"],
    ["127.0.0.1, ::1", "::1", "2001:db8::7", "2001:db8::7"],
    ["127.0.0.1", "127.0.0.1", "[2001:db8::8]", "2001:db8::8"],
    // A trusted peer without a header, or with garbage, is the client itself.
    ["10.1.0.0/16", "10.1.0.1", undefined, "10.1.0.1"],
    ["10.1.0.0/16", "10.1.0.1", "6.6.6.6, not-an-ip", "10.1.0.1"],
    // Only trusted hops: the left-most.
    ["10.1.0.0/16", "10.1.0.1", "10.1.0.7, 10.1.0.8", "10.1.0.7"],
  ])("trusted %j, peer %j, XFF %j → %j", (list, peer, xff, expected) => {
    expect(clientAddressOf({ peer, forwardedFor: xff, trusted: trusted(list) })).toBe(expected);
  });
});

describe("parseTrustedProxies", () => {
  it.each([
    ["10.0.0.0/8", true],
    ["10.0.0.1", true],
    ["fd00::/8 ::1", true],
    ["", true],
    ["10.0.0.0/33", false],
    ["10.0.0.0/8/1", false],
    ["example.com", false],
    ["10.0.0.0/x", false],
  ])("%j → ok %j", (text, ok) => {
    expect(parseTrustedProxies(text).ok).toBe(ok);
  });
});
