import { describe, expect, it } from "vitest";
import { ipInAnyCidr, parseCidr } from "./cidr";

describe("parseCidr", () => {
  it.each([
    ["10.0.0.0/24", true],
    ["0.0.0.0/0", true],
    ["10.0.0.5/32", true],
    ["10.0.0.5/24", false],
    ["10.0.0.0/33", false],
    ["10.0.0.0", false],
    ["300.0.0.0/8", false],
    ["10.0.0.0/24\n", true],
    ["10.0.0.0/24,10.1.0.0/24", false],
  ])("%j ok=%s", (text, ok) => {
    expect(parseCidr(text).ok).toBe(ok);
  });

  it("names the block that was meant when host bits are set", () => {
    expect(parseCidr("10.0.0.5/24")).toEqual({ ok: false, reason: "10.0.0.5/24 has host bits set: did you mean 10.0.0.0/24?" });
  });
});

describe("ipInAnyCidr", () => {
  it.each([
    ["10.0.0.7", ["10.0.0.0/24"], true],
    ["10.0.1.7", ["10.0.0.0/24"], false],
    ["10.0.1.7", ["10.0.0.0/24", "10.0.1.0/24"], true],
    ["192.168.1.1", ["0.0.0.0/0"], true],
    ["10.0.0.7", [], false],
    [null, ["0.0.0.0/0"], false],
    ["10.0.0.7", ["garbage"], false],
    ["10.0.0.255", ["10.0.0.0/24"], true],
    ["10.0.1.0", ["10.0.0.0/24"], false],
  ])("%s in %j → %s", (ip, cidrs, expected) => {
    expect(ipInAnyCidr(ip, cidrs)).toBe(expected);
  });
});
