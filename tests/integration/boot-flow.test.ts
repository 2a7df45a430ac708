import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { GET as bootScript } from "@/app/api/v1/boot/ipxe/route";
import { GET as download } from "@/app/api/v1/config/download/route";
import { PUT as putDevice } from "@/app/api/v1/devices/[id]/route";
import { POST as approve } from "@/app/api/v1/devices/[id]/approve/route";
import { GET as preview } from "@/app/api/v1/devices/[id]/config/route";
import { prisma } from "@/lib/db/client";
import { validateMachineConfig } from "@/lib/domain/talos/validate-machine-config";
import { adminHeaders, createAdminToken } from "@/tests/helpers/admin";
import { machineRequest, noParams, seedNetworkSettings, testHttpBaseUrl } from "@/tests/helpers/boot-fixtures";
import { seedGeneratedCluster } from "@/tests/helpers/seed-cluster-config";

const mac = "52:54:00:0f:00:01";
let token = "";

const ipxe = async () => (await bootScript(machineRequest(`/api/v1/boot/ipxe?mac=52-54-00-0F-00-01&arch=x86_64`), noParams)).text();
const fetchConfig = (configUrl: string) => download(machineRequest(configUrl.replace(testHttpBaseUrl, ""), { ip: "10.42.0.21" }), noParams);
const idParams = (id: string) => ({ params: Promise.resolve({ id }) });

// The talos.config URL from the kernel line of a Talos boot script.
const configUrlOf = (script: string): string => {
  const match = script.match(/ talos\.config=(\S+)/);
  if (!match?.[1]) throw new Error(`no talos.config in:\n${script}`);

  return match[1];
};

beforeAll(async () => {
  token = await createAdminToken();
  await seedNetworkSettings({ pendingHoldSeconds: 1 });
  await seedGeneratedCluster();
}, 60_000);

describe("boot chain end to end", () => {
  it("unknown → pending → approved → Talos with token → YAML → provisioned → exit → reinstall", async () => {
    expect(await ipxe()).toContain("waiting for approval");
    const device = await prisma.device.findUniqueOrThrow({ where: { mac } });
    expect(device.status).toBe("pending");
    expect((await download(machineRequest(`/api/v1/config/download?mac=${mac}`), noParams)).status).toBe(403);

    const approval = await approve(
      new Request("http://ktizo.test/x", { method: "POST", headers: adminHeaders(token), body: JSON.stringify({ role: "worker", hostname: "worker-1", ipAddress: "10.42.0.21" }) }),
      idParams(device.id),
    );
    expect(approval.status).toBe(200);

    const talos = await ipxe();
    const kernelLine = talos.split("\n").find((line) => line.startsWith("kernel "))!;
    expect(kernelLine).toContain(`kernel ${testHttpBaseUrl}/api/v1/assets/talos/v1.11.6/vmlinuz-amd64 talos.platform=metal console=tty0 init_on_alloc=1 slab_nomerge pti=on consoleblank=0 nvme_core.io_timeout=4294967295 printk.devkmsg=on selinux=1 initrd=initramfs-amd64.xz talos.config=${testHttpBaseUrl}/api/v1/config/download?mac=${mac}&token=`);
    expect(kernelLine).not.toContain("wipe");
    expect(talos).toContain(`initrd --name initramfs-amd64.xz ${testHttpBaseUrl}/api/v1/assets/talos/v1.11.6/initramfs-amd64.xz`);
    const stored = await prisma.bootToken.findMany({ where: { deviceId: device.id } });
    expect(stored).toHaveLength(1);
    const configUrl = configUrlOf(talos);
    expect(stored[0]!.tokenHash).not.toContain(new URL(configUrl).searchParams.get("token"));

    const response = await fetchConfig(configUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/yaml/);
    const yaml = await response.text();
    expect(validateMachineConfig(yaml)).toEqual({ ok: true, errors: [] });
    const config = parse(yaml);
    expect(config.machine.type).toBe("worker");
    expect(config.machine.network.hostname).toBe("worker-1");
    expect(config.machine.network.interfaces[0]).toMatchObject({ deviceSelector: { hardwareAddr: mac }, addresses: ["10.42.0.21/24"] });

    const provisioned = await prisma.device.findUniqueOrThrow({ where: { id: device.id } });
    expect(provisioned).toMatchObject({ configDownloadCount: 1, lastDownloadIp: "10.42.0.21", bootAction: "install" });
    expect(provisioned.provisionedAt).not.toBeNull();
    expect(await prisma.event.count({ where: { deviceId: device.id, type: "config.downloaded" } })).toBe(1);

    const reused = await fetchConfig(configUrl);
    expect(reused.status).toBe(403);
    expect(await reused.text()).toBe("token was already used\n");

    const afterInstall = await ipxe();
    expect(afterInstall).toContain("provisioned, booting from the local disk");
    expect(afterInstall).not.toMatch(/^kernel/m);

    const reinstall = await putDevice(
      new Request("http://ktizo.test/x", { method: "PUT", headers: adminHeaders(token), body: JSON.stringify({ bootAction: "reinstall" }) }),
      idParams(device.id),
    );
    expect(reinstall.status).toBe(200);
    const wipeScript = await ipxe();
    expect(wipeScript).toMatch(/^kernel .* talos\.experimental\.wipe=system \|\| goto failed$/m);
    const second = await fetchConfig(configUrlOf(wipeScript));
    expect(second.status).toBe(200);
    const reinstalled = await prisma.device.findUniqueOrThrow({ where: { id: device.id } });
    expect(reinstalled.bootAction).toBe("install");
    expect(reinstalled.configDownloadCount).toBe(2);
    expect(reinstalled.provisionedAt!.getTime()).toBeGreaterThan(provisioned.provisionedAt!.getTime());
    expect(await ipxe()).toContain("booting from the local disk");
  });

  it("previews the config with secrets redacted", async () => {
    const device = await prisma.device.create({ data: { mac: "52:54:00:0f:00:02", status: "approved", role: "controlplane", hostname: "cp-1", ipAddress: "10.42.0.10" } });
    const response = await preview(new Request("http://ktizo.test/x", { headers: adminHeaders(token) }), idParams(device.id));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.validation.ok).toBe(true);
    expect(body.yaml).toContain("hostname: cp-1");
    expect(body.yaml).not.toMatch(/BEGIN (EC |ED25519 |RSA )?PRIVATE KEY|LS0tLS1CRUdJTiBF/);
    const full = await (await import("@/lib/services/cluster")).buildDeviceConfig({ ...device, group: null });
    const key = (parse(full).machine.ca.key as string).slice(0, 20);
    expect(body.yaml).not.toContain(key);
  });
});
