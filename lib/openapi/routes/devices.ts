import { approveDeviceSchema, bulkDeviceSchema, createDeviceSchema, listDevicesQuerySchema, rackSchema, updateDeviceSchema } from "@/lib/schemas/device";
import { bulkResultShape, configPreviewShape, deviceListShape, deviceShape } from "@/lib/openapi/response-shapes";
import { ok, text, type RouteDoc } from "@/lib/openapi/route-doc";

const tag = "Devices";

export const deviceRoutes: RouteDoc[] = [
  { method: "get", path: "/api/v1/devices", tag, auth: "admin", summary: "Devices with status filter, search (MAC, hostname, IP, UUID, serial) and paging", query: listDevicesQuerySchema, responses: ok("page of devices", deviceListShape) },
  { method: "post", path: "/api/v1/devices", tag, auth: "admin", summary: "Add a device by hand", body: createDeviceSchema, responses: { ...ok("created", deviceShape, 201), 409: { description: "MAC, hostname or IP taken" } } },
  { method: "get", path: "/api/v1/devices/{id}", tag, auth: "admin", summary: "One device", responses: ok("the device", deviceShape) },
  { method: "put", path: "/api/v1/devices/{id}", tag, auth: "admin", summary: "Edit hostname, IP, role, group, disk, notes, boot action (null clears)", body: updateDeviceSchema, responses: { ...ok("updated", deviceShape), 409: { description: "hostname or IP taken" } } },
  { method: "delete", path: "/api/v1/devices/{id}", tag, auth: "admin", summary: "Forget a device (it registers again when it boots)", responses: { 204: { description: "deleted" } } },
  { method: "post", path: "/api/v1/devices/{id}/approve", tag, auth: "admin", summary: "Approve with a role (hostname, static IP, install disk optional)", body: approveDeviceSchema, responses: { ...ok("approved", deviceShape), 409: { description: "hostname or IP taken" } } },
  { method: "post", path: "/api/v1/devices/{id}/reject", tag, auth: "admin", summary: "Reject a device", responses: ok("rejected", deviceShape) },
  { method: "get", path: "/api/v1/devices/rack", tag, auth: "admin", summary: "Every device's stage (pending, rejected, approved, booting, downloaded, installed) and the count per stage, for the rack grid", responses: ok("the rack", rackSchema) },
  {
    method: "get",
    path: "/api/v1/devices/changes",
    tag,
    auth: "admin",
    summary: "Live feed (Server-Sent Events): a `devices` event with the table's version when it starts and whenever a device changes, in any web process or the worker",
    responses: { 200: text("event stream", "text/event-stream") },
  },
  { method: "post", path: "/api/v1/devices/bulk", tag, auth: "admin", summary: "Approve, reject or delete many devices", body: bulkDeviceSchema, responses: ok("outcome", bulkResultShape) },
  { method: "get", path: "/api/v1/devices/{id}/config", tag, auth: "admin", summary: "Config preview (role base ← cluster patches ← group patch ← device), secrets redacted", responses: { ...ok("preview", configPreviewShape), 409: { description: "cluster config or network settings missing" } } },
];
