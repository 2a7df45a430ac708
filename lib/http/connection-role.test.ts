import { describe, expect, it } from "vitest";
import { connectionRoleOf } from "@/lib/http/connection-role";

describe("connectionRoleOf", () => {
  it.each([
    ["GET /boot.ipxe HTTP/1.1", "machine"],
    ["GET /api/v1/boot/ipxe?mac=52-54-00-00-00-01&arch=x86_64 HTTP/1.1", "machine"],
    ["HEAD /api/v1/assets/talos/v1.11.6/vmlinuz-amd64 HTTP/1.1", "machine"],
    ["GET /api/v1/assets/ipxe/ipxe.efi HTTP/1.1", "machine"],
    ["POST /api/v1/devices/register HTTP/1.1", "machine"],
    ["POST /api/v1/config/download HTTP/1.1", "machine"],
    ["POST /api/v1/oauth/device HTTP/1.1", "machine"],
    ["POST /api/v1/oauth/token HTTP/1.1", "machine"],
    // The dashboard, the admin API, sign-in, probes: the admin process.
    ["GET / HTTP/1.1", "admin"],
    ["GET /devices?status=pending HTTP/1.1", "admin"],
    ["GET /api/v1/devices/rack HTTP/1.1", "admin"],
    ["POST /api/v1/devices/bulk HTTP/1.1", "admin"],
    ["GET /api/health HTTP/1.1", "admin"],
    ["GET /_next/static/chunks/main.js HTTP/1.1", "admin"],
    // A machine path as a prefix of something else is not a machine path.
    ["GET /boot.ipxe.bak HTTP/1.1", "admin"],
    ["GET /api/v1/boot/ipxe/extra HTTP/1.1", "admin"],
    // Not a request line (a TLS hello, garbage, an absolute-form target): the admin process answers 400.
    ["\u0016\u0003\u0001\u0002\u0000\u0001", "admin"],
    ["", "admin"],
    ["GET", "admin"],
    ["GET http://ktizo/boot.ipxe HTTP/1.1", "admin"],
  ])("%j → %s", (line, role) => {
    expect(connectionRoleOf(line)).toBe(role);
  });
});
