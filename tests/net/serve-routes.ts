import { createServer } from "node:http";
import { Readable } from "node:stream";
import { systemIdentitySource, setIdentitySource } from "@/lib/services/boot";

// The machine-facing route handlers of the real app, and the admin routes a network test drives
// (network settings, Apply, device approval and edits), behind a plain node:http server, so a test
// can start them inside a network namespace (`node --import tsx tests/net/serve-routes.ts <ip> <port>`;
// port 0 picks a free one) and let a DHCP/iPXE client there fetch /boot.ipxe, scripts and assets over
// real TCP. Settings and DB come from the environment (DATABASE_URL, KTIZO_DATA_DIR, ...) of the test
// that starts it. Admin routes check their bearer token themselves (withRoute), as under Next.
type Handler = (req: Request, segment: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Route = { pattern: RegExp; names: string[]; load: () => Promise<Record<string, unknown>> };

const routes: Route[] = [
  { pattern: /^\/boot\.ipxe$/, names: [], load: () => import("@/app/boot.ipxe/route") },
  { pattern: /^\/api\/v1\/boot\/ipxe$/, names: [], load: () => import("@/app/api/v1/boot/ipxe/route") },
  { pattern: /^\/api\/v1\/devices\/register$/, names: [], load: () => import("@/app/api/v1/devices/register/route") },
  { pattern: /^\/api\/v1\/config\/download$/, names: [], load: () => import("@/app/api/v1/config/download/route") },
  {
    pattern: /^\/api\/v1\/assets\/talos\/([^/]+)\/([^/]+)$/,
    names: ["version", "file"],
    load: () => import("@/app/api/v1/assets/talos/[version]/[file]/route"),
  },
  { pattern: /^\/api\/v1\/assets\/ipxe\/([^/]+)$/, names: ["file"], load: () => import("@/app/api/v1/assets/ipxe/[file]/route") },
  { pattern: /^\/api\/v1\/network\/settings$/, names: [], load: () => import("@/app/api/v1/network/settings/route") },
  { pattern: /^\/api\/v1\/network\/settings\/apply$/, names: [], load: () => import("@/app/api/v1/network/settings/apply/route") },
  { pattern: /^\/api\/v1\/network\/settings\/([^/]+)$/, names: ["id"], load: () => import("@/app/api/v1/network/settings/[id]/route") },
  { pattern: /^\/api\/v1\/devices\/([^/]+)\/approve$/, names: ["id"], load: () => import("@/app/api/v1/devices/[id]/approve/route") },
  { pattern: /^\/api\/v1\/devices\/([^/]+)\/reject$/, names: ["id"], load: () => import("@/app/api/v1/devices/[id]/reject/route") },
  { pattern: /^\/api\/v1\/devices\/([^/]+)$/, names: ["id"], load: () => import("@/app/api/v1/devices/[id]/route") },
];

const [host = "0.0.0.0", port = "3100", identityFrom = "system"] = process.argv.slice(2);
// "leases": bind addresses by dnsmasq's real lease file alone, with the neighbour table left out,
// so a test can show the lease path on its own (the kernel would otherwise bind on-link clients first).
if (identityFrom === "leases") setIdentitySource({ neighbours: async () => [], leases: systemIdentitySource.leases });

const server = createServer(async (incoming, outgoing) => {
  try {
    const url = new URL(incoming.url ?? "/", `http://${incoming.headers.host ?? `${host}:${port}`}`);
    const route = routes.find((candidate) => candidate.pattern.test(url.pathname));
    const routeModule = route ? await route.load() : undefined;
    const handler = routeModule?.[incoming.method ?? "GET"] ?? (incoming.method === "HEAD" ? routeModule?.GET : undefined);
    if (!route || typeof handler !== "function") {
      outgoing.writeHead(404).end("not found\n");

      return;
    }
    const match = route.pattern.exec(url.pathname) ?? [];
    const params = Object.fromEntries(route.names.map((name, index) => [name, decodeURIComponent(match[index + 1] ?? "")]));
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (typeof value === "string") headers.set(name, value);
    }
    headers.set("x-forwarded-for", incoming.socket.remoteAddress?.replace(/^::ffff:/, "") ?? "");
    const hasBody = incoming.method !== "GET" && incoming.method !== "HEAD";
    const request = new Request(url, {
      method: incoming.method,
      headers,
      body: hasBody ? (Readable.toWeb(incoming) as ReadableStream) : undefined,
      ...(hasBody ? { duplex: "half" } : {}),
    } as RequestInit);
    const response = await (handler as Handler)(request, { params: Promise.resolve(params) });
    outgoing.writeHead(response.status, Object.fromEntries(response.headers.entries()));
    if (!response.body || incoming.method === "HEAD") {
      outgoing.end();

      return;
    }
    Readable.fromWeb(response.body as import("node:stream/web").ReadableStream).pipe(outgoing);
  } catch (error) {
    console.error("[serve-routes]", error);
    if (!outgoing.headersSent) outgoing.writeHead(500);
    outgoing.end();
  }
});

server.listen(Number(port), host, () => {
  const address = server.address();
  console.log(`listening on ${host}:${typeof address === "object" && address ? address.port : port}`);
});
