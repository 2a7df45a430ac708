// The only routes reachable without a login (docs/auth.md). Everything else — every admin page,
// server action (a POST to a page path) and admin API route — needs a session or an API token.
// tests/integration/route-table.test.ts walks app/ and checks every route against this list.
// `machine`: a request a booting machine makes (iPXE, Talos). A web connection whose first request
// is one of these is served by a machine web process, any other by the admin process
// (lib/http/connection-role.ts).
export type PublicRoute = { path: string; prefix?: boolean; machine?: true; why: string };

export const publicRoutes: readonly PublicRoute[] = [
  { path: "/boot.ipxe", machine: true, why: "machine: fixed iPXE entry script" },
  { path: "/api/v1/boot/ipxe", machine: true, why: "machine: per-device iPXE script, gated by device state" },
  { path: "/api/v1/devices/register", machine: true, why: "machine: registration as pending" },
  { path: "/api/v1/config/download", machine: true, why: "machine: Talos config, gated by approval and token" },
  { path: "/api/v1/oauth/device", machine: true, why: "machine: OAuth2 device authorization of console-code mode (RFC 8628)" },
  { path: "/api/v1/oauth/token", machine: true, why: "machine: OAuth2 device token polling of console-code mode (RFC 8628)" },
  { path: "/api/v1/assets/talos/", prefix: true, machine: true, why: "machine: kernel and initramfs" },
  { path: "/api/v1/assets/ipxe/", prefix: true, machine: true, why: "machine: iPXE binaries for UEFI HTTP boot" },
  { path: "/api/health", why: "liveness probe" },
  { path: "/metrics", why: "Prometheus scrape; checks its own optional bearer token" },
  { path: "/login", why: "login page" },
  { path: "/setup", why: "first-run page; refuses once an admin exists" },
  { path: "/api/auth/login", why: "login form post" },
  { path: "/api/auth/setup", why: "first-run form post; refuses once an admin exists" },
];

const matches = (route: PublicRoute, pathname: string): boolean => (route.prefix ? pathname.startsWith(route.path) : pathname === route.path);

export const isPublicPath = (pathname: string): boolean => publicRoutes.some((route) => matches(route, pathname));

export const isMachinePath = (pathname: string): boolean => publicRoutes.some((route) => route.machine === true && matches(route, pathname));

export const isApiPath = (pathname: string): boolean => pathname.startsWith("/api/") || pathname === "/metrics";
