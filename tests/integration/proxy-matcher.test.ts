import { describe, expect, it } from "vitest";
import { tryToParsePath } from "next/dist/lib/try-to-parse-path";
import { config } from "@/proxy";
import { isPublicPath } from "@/lib/auth/public-routes";
import { listAppEntries } from "@/tests/helpers/app-routes";

// Compiles the proxy matcher the way Next does (path-to-regexp via tryToParsePath), so a matcher
// that skipped a non-public route — leaving it to the route's own guard only — fails here.
const matchers = config.matcher.map((source) => {
  const parsed = tryToParsePath(source);
  if (parsed.error || !parsed.regexStr) throw new Error(`matcher does not parse: ${source}`);

  return new RegExp(parsed.regexStr);
});
const runsProxy = (pathname: string) => matchers.some((regex) => regex.test(pathname));

const machineRoutes = [
  "/boot.ipxe",
  "/api/v1/boot/ipxe",
  "/api/v1/devices/register",
  "/api/v1/config/download",
  "/api/v1/assets/talos/v1.11.6/vmlinuz-amd64",
  "/api/v1/assets/ipxe/ipxe.efi",
  "/api/health",
];

describe("proxy matcher", () => {
  const entries = listAppEntries();

  it.each(entries.filter((entry) => !isPublicPath(entry.urlPath)).map((entry) => [entry.urlPath, entry.kind]))(
    "runs the proxy for the non-public %s (%s)",
    (urlPath) => {
      expect(runsProxy(urlPath)).toBe(true);
    },
  );

  it.each(["/login", "/setup", "/", "/api/v1/assets/imports", "/api/v1/boot/ipxe/x", "/boot.ipxe.bak", "/api/healthz", "/metrics"])(
    "runs the proxy for %s",
    (pathname) => {
      expect(runsProxy(pathname)).toBe(true);
    },
  );

  it.each(machineRoutes)("skips the proxy for the public machine route %s", (pathname) => {
    expect(isPublicPath(pathname)).toBe(true);
    expect(runsProxy(pathname)).toBe(false);
  });
});
