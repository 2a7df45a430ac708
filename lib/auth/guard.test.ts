import { describe, expect, it } from "vitest";
import { decideAccess } from "@/lib/auth/guard";
import type { Principal } from "@/lib/auth/principal";

const admin: Principal = { kind: "user", userId: "u1", username: "admin", sessionId: "s1" };
const token: Principal = { kind: "token", tokenId: "t1", name: "ci" };

describe("decideAccess", () => {
  it.each([
    // pathname, principal, hasAdmin, expected
    ["/", null, false, { kind: "redirect", location: "/setup" }],
    ["/devices", null, false, { kind: "redirect", location: "/setup" }],
    ["/login", null, false, { kind: "redirect", location: "/setup" }],
    ["/setup", null, false, { kind: "allow" }],
    ["/setup", null, true, { kind: "redirect", location: "/login" }],
    ["/setup", admin, true, { kind: "redirect", location: "/login" }],
    ["/login", null, true, { kind: "allow" }],
    ["/", null, true, { kind: "redirect", location: "/login" }],
    ["/devices", null, true, { kind: "redirect", location: "/login?next=%2Fdevices" }],
    ["/devices", admin, true, { kind: "allow" }],
    ["/devices", token, true, { kind: "allow" }],
    ["/api/v1/devices", null, true, { kind: "unauthorized", message: "login or API token required" }],
    ["/api/v1/devices", null, false, { kind: "unauthorized", message: "no admin account exists yet: open /setup" }],
    ["/api/v1/devices", token, true, { kind: "allow" }],
    ["/api/v1/tokens", admin, true, { kind: "allow" }],
    ["/boot.ipxe", null, false, { kind: "allow" }],
    ["/api/v1/boot/ipxe", null, true, { kind: "allow" }],
    ["/api/v1/config/download", null, true, { kind: "allow" }],
    ["/api/v1/assets/talos/v1.11.6/vmlinuz-amd64", null, true, { kind: "allow" }],
    ["/api/health", null, true, { kind: "allow" }],
    ["/api/v1/config/download/extra", null, true, { kind: "unauthorized", message: "login or API token required" }],
    ["/api/healthz", null, true, { kind: "unauthorized", message: "login or API token required" }],
  ] as const)("%s (principal %o, admin exists %s)", (pathname, principal, hasAdmin, expected) => {
    expect(decideAccess({ pathname, principal, hasAdmin })).toEqual(expected);
  });

  it("keeps the query string in the login redirect", () => {
    expect(decideAccess({ pathname: "/events", search: "?page=2", principal: null, hasAdmin: true })).toEqual({
      kind: "redirect",
      location: "/login?next=%2Fevents%3Fpage%3D2",
    });
  });
});
