import { chmod, mkdir } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as apply } from "@/app/api/v1/network/settings/apply/route";
import { paths } from "@/lib/paths";
import { getSetupChecklist } from "@/lib/services/health";
import { createNetworkSettings, updateNetworkSettings } from "@/lib/services/network";
import { systemActor } from "@/lib/auth/principal";
import { adminHeaders, createAdminToken } from "@/tests/helpers/admin";
import { createLan, netTestsEnabled, type Background, type Lan } from "@/tests/net/netns";
import { readStatus, waitForStatus, workerArgv } from "@/tests/net/worker-harness";

// Apply tells the truth: the real admin route writes the config, the real worker (run as `npm run
// worker` runs it, inside a test namespace) starts the real dnsmasq, and Apply's answer is what the
// worker reports: running with this config, or dnsmasq's own refusal and whether the previous
// config is still served. An absent interface passes `dnsmasq --test` and fails only at start.
describe.skipIf(!netTestsEnabled())("POST /api/v1/network/settings/apply reports what dnsmasq did", () => {
  let lan: Lan;
  let worker: Background;
  let settingsId = "";
  let token = "";

  const applyNow = async () => {
    const response = await apply(new Request("http://ktizo.test/api/v1/network/settings/apply", { method: "POST", headers: adminHeaders(token), body: "{}" }), { params: Promise.resolve({}) });
    expect(response.status, await response.clone().text()).toBe(200);

    return (await response.json()) as { configHash: string; dnsmasq: string; dnsmasqMessage: string | null; servingPrevious: boolean };
  };

  beforeAll(async () => {
    token = await createAdminToken();
    lan = await createLan([{ name: "server", hostPart: 1 }, { name: "client" }]);
    const server = `${lan.prefix}.1`;
    // dnsmasq drops to `nobody` and reads hosts.d and the TFTP root: the temp tree must be traversable.
    await chmod(process.env.KTIZO_TEST_ROOT ?? paths().root, 0o755);
    await mkdir(paths().dataDir, { recursive: true, mode: 0o755 });
    const saved = await createNetworkSettings(
      {
        interface: "lan0",
        serverIp: server,
        httpBaseUrl: `http://${server}:3000`,
        dhcpRangeStart: `${lan.prefix}.100`,
        dhcpRangeEnd: `${lan.prefix}.150`,
        leaseTime: "1h",
      },
      { actor: systemActor },
    );
    settingsId = saved.id;
    worker = lan.background("server", workerArgv(), {
      env: { NODE_ENV: "production", KTIZO_DATA_DIR: paths().dataDir, KTIZO_COMPILED_DIR: paths().compiledDir },
    });
    await waitForStatus(paths().workerStatusFile, (s) => s.state === "waiting-for-config", { timeoutMs: 30_000, what: "the worker to start" }).catch((error: Error) => {
      throw new Error(`${error.message}\nworker output:\n${worker.output()}`);
    });
  });

  afterAll(async () => {
    await worker?.stop();
    await lan?.destroy();
  });

  it("a config dnsmasq runs: running, with this config's hash", async () => {
    const result = await applyNow();
    expect(result, worker.output()).toMatchObject({ dnsmasq: "running", dnsmasqMessage: null, servingPrevious: false });
    const status = await readStatus(paths().workerStatusFile);
    expect(status).toMatchObject({ state: "running", configHash: result.configHash });
    expect((await getSetupChecklist()).find((step) => step.key === "network")).toMatchObject({ done: true });
  });

  it("an absent interface: refused with dnsmasq's message, the previous config still served", async () => {
    const before = await readStatus(paths().workerStatusFile);
    await updateNetworkSettings({ id: settingsId, changes: { interface: "eth9" }, actor: systemActor });
    const result = await applyNow();
    expect(result, worker.output()).toMatchObject({ dnsmasq: "refused", servingPrevious: true });
    expect(result.dnsmasqMessage).toMatch(/eth9/);
    // The old dnsmasq still answers with the old config, and the status never says "no config".
    const after = await readStatus(paths().workerStatusFile);
    // (The worker stopped the old dnsmasq to try the new config, then started it again on the last good one.)
    expect(after).toMatchObject({ state: "running", configHash: before?.configHash, servingLastGood: true });
    expect(after?.state).not.toBe("waiting-for-config");
    // The Overview's checklist does not call a refused apply done.
    expect((await getSetupChecklist()).find((step) => step.key === "network")).toMatchObject({ done: false, detail: expect.stringContaining("not running") });
  });

  it("back to a good config: running again", async () => {
    await updateNetworkSettings({ id: settingsId, changes: { interface: "lan0", leaseTime: "2h" }, actor: systemActor });
    const result = await applyNow();
    expect(result, worker.output()).toMatchObject({ dnsmasq: "running", servingPrevious: false });
  });
});
