import { findDevicesByIds, searchDevicePage } from "@/lib/data/device-search";
import { macSearchFragment } from "@/lib/domain/mac";
import type { DeviceListJson, ListDevicesQuery } from "@/lib/schemas/device";
import { deviceJson } from "./device-json";

// `q` matches MAC in any accepted spelling, hostname, IP (prefix), UUID and serial, literally and
// case-insensitively. Newest first, id breaking ties so pages never overlap.
export const listDevices = async ({ status, q, page, pageSize }: ListDevicesQuery): Promise<DeviceListJson> => {
  const terms = q ? { mac: macSearchFragment(q) ?? q.toLowerCase(), text: q.toLowerCase(), ipPrefix: q } : null;
  const { ids, total } = await searchDevicePage({ status, q, page, pageSize, terms });
  const rows = await findDevicesByIds(ids);
  const byId = new Map(rows.map((row) => [row.id, row]));
  const items = ids.flatMap((id) => {
    const row = byId.get(id);

    return row ? [deviceJson(row)] : [];
  });

  return { items, total, page, pageSize };
};
