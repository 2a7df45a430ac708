import { describe, expect, it } from "vitest";
import { safeNextPath } from "@/lib/domain/safe-next-path";

describe("safeNextPath", () => {
  it.each([
    [undefined, "/"],
    ["", "/"],
    ["/", "/"],
    ["/devices", "/devices"],
    ["/events?type=auth.login&page=2", "/events?type=auth.login&page=2"],
    ["//evil.example", "/"],
    ["/\\evil.example", "/"],
    ["https://evil.example/", "/"],
    ["javascript:alert(1)", "/"],
    ["/devices\r\nSet-Cookie: x=1", "/"],
    ["/login", "/"],
    ["/login?next=/x", "/"],
    ["/setup", "/"],
    ["/api/v1/tokens", "/"],
    ["/loginx", "/loginx"],
  ])("%j → %j", (input, expected) => {
    expect(safeNextPath(input)).toBe(expected);
  });
});
