import { z } from "zod";
import { bootQuerySchema, configDownloadQuerySchema, registerDeviceSchema } from "@/lib/schemas/device";
import { registeredShape } from "@/lib/openapi/response-shapes";
import { text, type RouteDoc } from "@/lib/openapi/route-doc";

const macQuery = z.object({ mac: z.string().describe("any spelling: aa:bb:.., AA-BB-.., bare hex, percent-encoded") });
const tag = "Machine-facing";

export const machineRoutes: RouteDoc[] = [
  { method: "get", path: "/boot.ipxe", tag, auth: "public", summary: "Fixed iPXE entry script; chains to the per-device script with iPXE variables", responses: { 200: text("iPXE script") } },
  {
    method: "get",
    path: "/api/v1/boot/ipxe",
    tag,
    auth: "public",
    summary: "Per-device iPXE script by device state (registers unknown MACs as pending; a uuid, serial or arch that fails its pattern is dropped, not refused)",
    query: macQuery.extend(bootQuerySchema.shape),
    responses: {
      200: text("iPXE script"),
      400: text("bad, multicast or broadcast MAC, one line"),
      429: text("too many new MACs from this source address (token bucket per source IP)"),
      503: text("pending-device cap reached: no new MAC is registered"),
    },
  },
  {
    method: "post",
    path: "/api/v1/devices/register",
    tag,
    auth: "public",
    summary: "A machine announces itself; idempotent, never approves by itself (approval rules may)",
    // The documented patterns; a value failing them is dropped (and recorded), not refused.
    body: registerDeviceSchema.extend(bootQuerySchema.shape),
    responses: {
      200: { description: "already known", schema: registeredShape },
      201: { description: "registered", schema: registeredShape },
      400: text("bad, multicast or broadcast MAC"),
      429: text("too many new MACs from this source address"),
      503: text("pending-device cap reached"),
    },
  },
  ...(["get", "post"] as const).map(
    (method): RouteDoc => ({
      method,
      path: "/api/v1/config/download",
      tag,
      auth: "public",
      summary: "Talos machine config for an approved device with a valid token (GET is what Talos does)",
      query: macQuery.extend(configDownloadQuerySchema.shape).extend(bootQuerySchema.omit({ arch: true }).shape),
      responses: { 200: text("machine config", "application/yaml"), 403: text("refused: one-line reason"), 409: text("cluster config not generated yet") },
    }),
  ),
  ...(["get", "head"] as const).map(
    (method): RouteDoc => ({
      method,
      path: "/api/v1/assets/talos/{version}/{file}",
      tag,
      auth: "public",
      summary: "Talos kernel/initramfs streamed from disk, with Range, ETag and Last-Modified",
      responses: { 200: text("file", "application/octet-stream"), 206: text("partial content", "application/octet-stream"), 404: text("no such asset"), 416: text("range not satisfiable") },
    }),
  ),
  ...(["get", "head"] as const).map(
    (method): RouteDoc => ({
      method,
      path: "/api/v1/assets/ipxe/{file}",
      tag,
      auth: "public",
      summary: "iPXE binaries of the TFTP root, for UEFI HTTP boot clients",
      responses: { 200: text("binary", "application/octet-stream"), 404: text("no such file") },
    }),
  ),
];
