import { macSearchFragment } from "@/lib/domain/mac";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { DeviceListJson, ListDevicesQuery } from "@/lib/schemas/device";
import { deviceJson } from "./device-json";

// `q` matches MAC in any accepted spelling, hostname, IP, UUID and serial. Status filters use the
// (status, lastSeenAt) index; newest first, id breaking ties so pages never overlap.
export const deviceSearchWhere = ({ status, q }: Pick<ListDevicesQuery, "status" | "q">): Prisma.DeviceWhereInput => {
  const where: Prisma.DeviceWhereInput = status ? { status } : {};
  if (!q) return where;
  const term = q.toLowerCase();
  const mac = macSearchFragment(q);
  const or: Prisma.DeviceWhereInput[] = [
    { mac: { contains: mac ?? term } },
    { hostname: { contains: term } },
    { ipAddress: { startsWith: q } },
    { uuid: { contains: term } },
    { serial: { contains: q } },
  ];

  return { ...where, OR: or };
};

export const listDevices = async ({ status, q, page, pageSize }: ListDevicesQuery): Promise<DeviceListJson> => {
  const where = deviceSearchWhere({ status, q });
  const [rows, total] = await Promise.all([
    prisma.device.findMany({ where, orderBy: [{ firstSeenAt: "desc" }, { id: "desc" }], skip: (page - 1) * pageSize, take: pageSize }),
    prisma.device.count({ where }),
  ]);

  return { items: rows.map(deviceJson), total, page, pageSize };
};
