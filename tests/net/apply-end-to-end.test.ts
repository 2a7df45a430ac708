import { spawn } from "node:child_process";
import { chmod } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paths } from "@/lib/paths";
import { createAdminToken } from "@/tests/helpers/admin";
import { pxeArch, udhcpcProbe } from "@/tests/net/dhcp-probe";
import { backgroundOf, createLan, netTestsEnabled, randomMac, type Background, type Lan } from "@/tests/net/netns";
import { readStatus, waitForStatus, workerArgv } from "@/tests/net/worker-harness";

// Apply, end to end: the admin API (the real route handlers over HTTP, tests/net/serve-routes.ts)
// writes the config, the REAL worker process (`npm run worker`) in the server namespace tests and
// restarts its dnsmasq, and a real DHCP client (busybox udhcpc) in another namespace gets its
// address from it. Reservations go the same way, and only the worker signals dnsmasq.
// The tests run in order and share one web process, one worker and one dnsmasq.
describe.skipIf(!netTestsEnabled())("apply end to end: admin API → worker → dnsmasq → DHCP client", () => {
  let lan: Lan;
  let web: Background;
  let worker: Background;
  let base = "";
  let token = "";
  let settingsId = "";
  let deviceId = "";
  const knownMac = randomMac();
  const statusFile = () => paths().workerStatusFile;

  const call = async (method: string, url: string, body?: unknown) => {
    const response = await fetch(`${base}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();

    return { status: response.status, text, json: () => JSON.parse(text) as Record<string, unknown> };
  };
  const ok = async (method: string, url: string, body?: unknown, status = 200) => {
    const response = await call(method, url, body);
    expect(response.status, `${method} ${url}: ${response.text}`).toBe(status);

    return response.json();
  };
  const inRange = (from: number, to: number) => (ip: string | null) => {
    const [prefix, last] = [ip?.slice(0, ip.lastIndexOf(".")), Number(ip?.split(".").at(-1))];

    return prefix === lan.prefix && last >= from && last <= to;
  };
  const hangups = () => (worker.output().match(/SIGHUP to dnsmasq \d+: hosts files changed/g) ?? []).length;
  const waitForHangups = async (count: number) => {
    const deadline = Date.now() + 10_000;
    while (hangups() < count && Date.now() < deadline) await sleep(50);
    expect(hangups(), worker.output()).toBe(count);
  };
  const running = async () => {
    const status = await readStatus(statusFile());
    if (status?.state !== "running" || !status.dnsmasqPid) throw new Error(`worker not running: ${JSON.stringify(status)}`);

    return status;
  };
  const applyAndWaitForRestart = async (previousPid: number | null) => {
    const applied = await ok("POST", "/api/v1/network/settings/apply", {});
    expect(applied.dnsmasqTest).toBe("ok");
    // Apply answers once the worker reports dnsmasq running this very config.
    expect(applied.dnsmasq, JSON.stringify(applied)).toBe("running");

    return waitForStatus(statusFile(), (s) => s.state === "running" && s.dnsmasqPid !== null && s.dnsmasqPid !== previousPid, {
      timeoutMs: 20_000,
      what: "the worker to restart dnsmasq on the applied config",
    }).catch((error: Error) => {
      throw new Error(`${error.message}\nworker output:\n${worker.output()}`);
    });
  };

  beforeAll(async () => {
    lan = await createLan([{ name: "server", hostPart: 1 }, { name: "client" }, { name: "known", mac: knownMac }]);
    // dnsmasq drops to `nobody` and reads hosts.d and the TFTP root: the test root must be traversable.
    await chmod(process.env.KTIZO_TEST_ROOT ?? paths().root, 0o755);
    token = await createAdminToken("apply-e2e");
    // The web side in the host namespace on loopback (the admin's browser side); port 0: a free port.
    web = backgroundOf(spawn(process.execPath, ["--import", "tsx", "tests/net/serve-routes.ts", "127.0.0.1", "0"], { stdio: ["ignore", "pipe", "pipe"] }));
    await web.waitForOutput(/listening on 127\.0\.0\.1:\d+/, 30_000);
    base = `http://127.0.0.1:${/listening on 127\.0\.0\.1:(\d+)/.exec(web.output())![1]}`;
    worker = lan.background("server", workerArgv(), {
      env: { NODE_ENV: "production", KTIZO_DATA_DIR: paths().dataDir, KTIZO_COMPILED_DIR: paths().compiledDir },
    });
    await waitForStatus(statusFile(), (s) => s.state === "waiting-for-config", { timeoutMs: 30_000, what: "the worker to wait for a config" }).catch(
      (error: Error) => {
        throw new Error(`${error.message}\nworker output:\n${worker.output()}\nweb output:\n${web.output()}`);
      },
    );
  }, 90_000);

  afterAll(async () => {
    await worker?.stop();
    await web?.stop();
    await lan?.destroy();
  });

  it("the first Apply starts dnsmasq on the saved range and a client gets an address from it", async () => {
    const created = await ok("POST", "/api/v1/network/settings", {
      interface: "lan0",
      serverIp: `${lan.prefix}.1`,
      httpBaseUrl: `http://${lan.prefix}.1:3100`,
      dhcpRangeStart: `${lan.prefix}.100`,
      dhcpRangeEnd: `${lan.prefix}.110`,
      netmask: "255.255.255.0",
      leaseTime: "1h",
    }, 201);
    settingsId = String(created.id);
    await applyAndWaitForRestart(null);

    const answer = await udhcpcProbe(lan, { host: "client", arch: pxeArch.bios });
    expect(answer.ip, answer.ip ?? "").toSatisfy(inRange(100, 110));
    expect(answer.serverId).toBe(`${lan.prefix}.1`);
  });

  it("a changed DHCP range is served by the dnsmasq the worker restarted", async () => {
    const before = await running();
    await ok("PUT", `/api/v1/network/settings/${settingsId}`, { dhcpRangeStart: `${lan.prefix}.160`, dhcpRangeEnd: `${lan.prefix}.170` });
    const after = await applyAndWaitForRestart(before.dnsmasqPid);

    const answer = await udhcpcProbe(lan, { host: "client", arch: pxeArch.bios });
    expect(answer.ip, answer.ip ?? "").toSatisfy(inRange(160, 170));
    expect(after.dnsmasqPid).not.toBe(before.dnsmasqPid);
    expect(after.configHash).not.toBe(before.configHash);
  });

  it("a device approved with a static IP gets exactly that address, without a restart", async () => {
    const before = await running();
    // The machine announces itself (public route), then the admin approves it with an address.
    deviceId = String((await ok("POST", "/api/v1/devices/register", { mac: knownMac }, 201)).id);
    await ok("POST", `/api/v1/devices/${deviceId}/approve`, { role: "worker", ipAddress: `${lan.prefix}.20`, hostname: "known" });
    await sleep(500); // dnsmasq reads the new hosts.d file through inotify

    expect((await udhcpcProbe(lan, { host: "known", arch: pxeArch.bios })).ip).toBe(`${lan.prefix}.20`);
    expect((await running()).dnsmasqPid).toBe(before.dnsmasqPid);
    // A new file needs no signal: dnsmasq's inotify reads it.
    expect(hangups()).toBe(0);
  });

  it("a changed static IP is served without a dnsmasq restart (the worker's SIGHUP, same PID)", async () => {
    const before = await running();
    await ok("PUT", `/api/v1/devices/${deviceId}`, { ipAddress: `${lan.prefix}.21` });
    await waitForHangups(1);

    expect((await udhcpcProbe(lan, { host: "known", arch: pxeArch.bios })).ip).toBe(`${lan.prefix}.21`);
    expect(worker.output()).toContain(`SIGHUP to dnsmasq ${before.dnsmasqPid}: hosts files changed`);
    expect((await running()).dnsmasqPid).toBe(before.dnsmasqPid);
  });

  it("a rejected device loses its reservation (the worker's SIGHUP) and gets a pool address", async () => {
    const before = await running();
    await ok("POST", `/api/v1/devices/${deviceId}/reject`, {});
    await waitForHangups(2);

    expect((await udhcpcProbe(lan, { host: "known", arch: pxeArch.bios })).ip ?? "").toSatisfy(inRange(160, 170));
    expect((await running()).dnsmasqPid).toBe(before.dnsmasqPid);
  });
});
