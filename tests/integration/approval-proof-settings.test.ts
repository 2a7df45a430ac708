import { beforeAll, describe, expect, it } from "vitest";
import { GET as bootScript } from "@/app/api/v1/boot/ipxe/route";
import { PUT as putCluster } from "@/app/api/v1/cluster/settings/[id]/route";
import { PUT as putDevice } from "@/app/api/v1/devices/[id]/route";
import { POST as createGroup } from "@/app/api/v1/groups/route";
import { prisma } from "@/lib/db/client";
import { adminHeaders, createAdminToken } from "@/tests/helpers/admin";
import { machineRequest, noParams, seedNetworkSettings } from "@/tests/helpers/boot-fixtures";
import { seedGeneratedCluster } from "@/tests/helpers/seed-cluster-config";

// approvalProof through the admin API: cluster default, group and device overrides (null =
// inherit), validated with the field named, and what the boot script of a pending device becomes.
let admin = "";
type Handler = (req: Request, segment: never) => Promise<Response>;
const send = (handler: Handler, path: string, method: string, body: unknown, id = "") =>
  handler(new Request(`http://ktizo.test${path}`, { method, headers: adminHeaders(admin), body: JSON.stringify(body) }), { params: Promise.resolve({ id }) } as never);
const scriptOf = async (mac: string) => (await bootScript(machineRequest(`/api/v1/boot/ipxe?mac=${mac}`), noParams)).text();
const usesOauth = async (mac: string) => (await scriptOf(mac)).includes("talos.config.oauth.client_id=ktizo");

beforeAll(async () => {
  admin = await createAdminToken();
  await seedNetworkSettings();
  await seedGeneratedCluster();
}, 60_000);

describe("approvalProof setting", () => {
  it("resolves device → group → cluster, and a bad value names the field and changes nothing", async () => {
    const cluster = await prisma.clusterSettings.findFirstOrThrow();
    const mac = "52:54:00:ab:cd:01";
    expect(await usesOauth(mac)).toBe(false);

    const bad = await send(putCluster, `/api/v1/cluster/settings/${cluster.id}`, "PUT", { approvalProof: "magic" }, cluster.id);
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ error: { issues: [{ path: "approvalProof" }] } });
    expect((await prisma.clusterSettings.findFirstOrThrow()).approvalProof).toBe("token");

    const saved = await send(putCluster, `/api/v1/cluster/settings/${cluster.id}`, "PUT", { approvalProof: "console-code" }, cluster.id);
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ approvalProof: "console-code" });
    expect(await usesOauth(mac)).toBe(true);

    const group = await send(createGroup, "/api/v1/groups", "POST", { name: "trusted-rack", approvalProof: "token" });
    expect(group.status).toBe(201);
    const groupId = (await group.json()).id as string;
    const device = await prisma.device.findUniqueOrThrow({ where: { mac } });
    const inGroup = await send(putDevice, `/api/v1/devices/${device.id}`, "PUT", { groupId }, device.id);
    expect(inGroup.status).toBe(200);
    expect(await inGroup.json()).toMatchObject({ approvalProof: null });
    expect(await usesOauth(mac)).toBe(false);

    const own = await send(putDevice, `/api/v1/devices/${device.id}`, "PUT", { approvalProof: "console-code" }, device.id);
    expect(await own.json()).toMatchObject({ approvalProof: "console-code" });
    expect(await usesOauth(mac)).toBe(true);

    const cleared = await send(putDevice, `/api/v1/devices/${device.id}`, "PUT", { approvalProof: "" }, device.id);
    expect(await cleared.json()).toMatchObject({ approvalProof: null });
    expect(await usesOauth(mac)).toBe(false);
  });
});
