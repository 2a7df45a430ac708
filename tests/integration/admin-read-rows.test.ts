import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { listClusterDevices } from "@/lib/data/cluster-health";
import { listRackRows } from "@/lib/data/rack";

// The Overview's two fleet-sized reads are prepared statements (lib/data/cluster-health.ts,
// lib/data/rack.ts). The ORM's own query for the same rows is the reference they must equal.
const at = (minute: number) => new Date(Date.UTC(2026, 11, 5, 9, minute, 0, 250));

beforeAll(async () => {
  const devices = [
    { mac: "52:54:00:0c:00:01", status: "approved", role: "worker", hostname: "w-2", provisionedAt: at(5), firstSeenAt: at(1) },
    { mac: "52:54:00:0c:00:02", status: "approved", role: "controlplane", hostname: "cp-1", ipAddress: "10.42.0.11", firstSeenAt: at(2) },
    { mac: "52:54:00:0c:00:03", status: "approved", role: "worker", hostname: null, firstSeenAt: at(2) },
    { mac: "52:54:00:0c:00:04", status: "approved", role: null, hostname: "odd", firstSeenAt: at(3) },
    { mac: "52:54:00:0c:00:05", status: "pending", hostname: "p-1", firstSeenAt: at(0) },
    { mac: "52:54:00:0c:00:06", status: "rejected", firstSeenAt: at(4) },
  ] as const;
  for (const device of devices) await prisma.device.create({ data: { ...device, lastSeenAt: at(9) } });
  const id = async (mac: string) => (await prisma.device.findUniqueOrThrow({ where: { mac } })).id;
  const snapshot = { talosVersion: "v1.11.5", talosHostname: "cp-1", services: [{ id: "etcd", state: "Running", healthy: true }], etcdMembers: ["cp-1"], talosError: null };
  await prisma.nodeHealth.create({ data: { deviceId: await id("52:54:00:0c:00:02"), snapshot, talosReachable: true, kube: { ready: true, name: "cp-1" }, k8sReady: true, lastSeenAt: at(8), failures: 0 } });
  await prisma.nodeHealth.create({ data: { deviceId: await id("52:54:00:0c:00:01"), snapshot: { talosVersion: null, talosHostname: null, services: [], etcdMembers: null, talosError: "refused" }, failures: 3 } });
  await prisma.bootToken.create({ data: { deviceId: await id("52:54:00:0c:00:01"), tokenHash: "t1", expiresAt: at(30) } });
});

describe("the Overview's fleet reads", () => {
  it("lists the cluster's devices, with their node health, as the ORM reads them and in its order", async () => {
    const orm = await prisma.device.findMany({
      where: { status: "approved" },
      orderBy: [{ role: "asc" }, { hostname: "asc" }, { mac: "asc" }],
      select: {
        id: true, mac: true, hostname: true, ipAddress: true, role: true, status: true, provisionedAt: true,
        nodeHealth: { select: { snapshot: true, talosReachable: true, kube: true, k8sReady: true, lastSeenAt: true, failures: true } },
      },
    });
    expect(orm).toHaveLength(4);
    expect(orm.filter((device) => device.nodeHealth)).toHaveLength(2);
    expect(await listClusterDevices()).toEqual(orm);
  });

  it("lists the rack in power-on order with whether a script was served, as the ORM reads it", async () => {
    const orm = await prisma.device.findMany({
      orderBy: [{ firstSeenAt: "asc" }, { id: "asc" }],
      select: { id: true, mac: true, hostname: true, status: true, provisionedAt: true, lastSeenAt: true, _count: { select: { bootTokens: true } } },
    });
    const expected = orm.map(({ _count, ...row }) => ({ ...row, scriptServed: _count.bootTokens > 0 }));
    expect(await listRackRows(100)).toEqual(expected);
    expect(await listRackRows(2)).toEqual(expected.slice(0, 2));
  });
});
