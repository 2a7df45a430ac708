// The only routes reachable without a login (docs/auth.md). Everything else — every admin page,
// server action (a POST to a page path) and admin API route — needs a session or an API token.
// tests/integration/route-table.test.ts walks app/ and checks every route against this list.
export type PublicRoute = { path: string; prefix?: boolean; why: string };

export const publicRoutes: readonly PublicRoute[] = [
  { path: "/boot.ipxe", why: "machine: fixed iPXE entry script" },
  { path: "/api/v1/boot/ipxe", why: "machine: per-device iPXE script, gated by device state" },
  { path: "/api/v1/devices/register", why: "machine: registration as pending" },
  { path: "/api/v1/config/download", why: "machine: Talos config, gated by approval and token" },
  { path: "/api/v1/oauth/device", why: "machine: OAuth2 device authorization of console-code mode (RFC 8628)" },
  { path: "/api/v1/oauth/token", why: "machine: OAuth2 device token polling of console-code mode (RFC 8628)" },
  { path: "/api/v1/assets/talos/", prefix: true, why: "machine: kernel and initramfs" },
  { path: "/api/v1/assets/ipxe/", prefix: true, why: "machine: iPXE binaries for UEFI HTTP boot" },
  { path: "/api/health", why: "liveness probe" },
  { path: "/metrics", why: "Prometheus scrape; checks its own optional bearer token" },
  { path: "/login", why: "login page" },
  { path: "/setup", why: "first-run page; refuses once an admin exists" },
  { path: "/api/auth/login", why: "login form post" },
  { path: "/api/auth/setup", why: "first-run form post; refuses once an admin exists" },
];

export const isPublicPath = (pathname: string): boolean =>
  publicRoutes.some((route) => (route.prefix ? pathname.startsWith(route.path) : pathname === route.path));

export const isApiPath = (pathname: string): boolean => pathname.startsWith("/api/") || pathname === "/metrics";
