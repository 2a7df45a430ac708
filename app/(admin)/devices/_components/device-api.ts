import { fetchJson } from "@/lib/query/fetch-json";
import type { DeviceJson, DeviceListJson } from "@/lib/schemas/device";

// Client-side calls to the devices admin API (the session cookie authenticates them).
export const devicesQueryKey = ["devices"] as const;

export type DeviceListParams = { status?: string; q?: string; page: number; pageSize: number };

export const fetchDevices = ({ status, q, page, pageSize }: DeviceListParams): Promise<DeviceListJson> => {
  const params = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
  if (status) params.set("status", status);
  if (q) params.set("q", q);

  return fetchJson<DeviceListJson>(`/api/v1/devices?${params}`);
};

const send = <T,>(method: string, url: string, body?: unknown): Promise<T> =>
  fetchJson<T>(url, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

export type ApproveBody = { role: string; hostname?: string; ipAddress?: string; installDisk?: string };

export const approveDevice = (id: string, body: ApproveBody) => send<DeviceJson>("POST", `/api/v1/devices/${id}/approve`, body);
export const rejectDevice = (id: string) => send<DeviceJson>("POST", `/api/v1/devices/${id}/reject`);
export const updateDevice = (id: string, body: Record<string, unknown>) => send<DeviceJson>("PUT", `/api/v1/devices/${id}`, body);
export const createDevice = (body: Record<string, unknown>) => send<DeviceJson>("POST", "/api/v1/devices", body);
export const bulkDevices = (body: { action: string; ids: string[]; role?: string }) =>
  send<{ succeeded: string[]; failed: { id: string; message: string }[] }>("POST", "/api/v1/devices/bulk", body);

// Optional form fields: an empty input means "not given".
export const withoutEmpty = (values: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(values).filter(([, value]) => value.trim() !== ""));
