import { spawn } from "node:child_process";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { beforeEach, describe, expect, it } from "vitest";
import { removeDeviceReservation, syncDeviceReservation } from "@/lib/compile/device-reservation";
import { paths } from "@/lib/paths";

const mac = "52:54:00:aa:bb:01";
const file = () => `${paths().hostsDir}/525400aabb01`;
const approved = { mac, ipAddress: "10.1.2.3", hostname: "node-1", status: "approved" };

describe("syncDeviceReservation", () => {
  beforeEach(async () => {
    await mkdir(paths().hostsDir, { recursive: true });
    await removeDeviceReservation(mac);
  });

  it("writes one dhcp-host line for an approved device with a static IP", async () => {
    await syncDeviceReservation(approved);
    await expect(readFile(file(), "utf8")).resolves.toBe("52:54:00:aa:bb:01,10.1.2.3,node-1\n");
  });

  it("omits the hostname when there is none and keeps the first label of an FQDN", async () => {
    await syncDeviceReservation({ ...approved, hostname: null });
    await expect(readFile(file(), "utf8")).resolves.toBe("52:54:00:aa:bb:01,10.1.2.3\n");
    await syncDeviceReservation({ ...approved, hostname: "node-1.lab.example" });
    await expect(readFile(file(), "utf8")).resolves.toBe("52:54:00:aa:bb:01,10.1.2.3,node-1\n");
  });

  it.each([
    { status: "pending" },
    { status: "rejected" },
    { ipAddress: null },
  ])("removes the file when the device is no longer reservable (%j)", async (change) => {
    await syncDeviceReservation(approved);
    await syncDeviceReservation({ ...approved, ...change });
    expect(await readdir(paths().hostsDir)).not.toContain("525400aabb01");
  });

  it("leaves no temp files behind", async () => {
    await syncDeviceReservation(approved);
    await syncDeviceReservation({ ...approved, ipAddress: "10.1.2.4" });
    expect(await readdir(paths().hostsDir)).toEqual(["525400aabb01"]);
  });

  it.each([
    { ipAddress: "10.1.2.3,set:evil" },
    { ipAddress: "10.1.2.3\ndhcp-boot=evil" },
    { hostname: "node,1" },
    { hostname: "node\nx" },
    { mac: "52:54:00:aa:bb:01,10.9.9.9" },
  ])("refuses an injecting value and leaves the file unchanged (%j)", async (bad) => {
    await syncDeviceReservation(approved);
    await expect(syncDeviceReservation({ ...approved, ...bad })).rejects.toThrow(/not a/);
    await expect(readFile(file(), "utf8")).resolves.toBe("52:54:00:aa:bb:01,10.1.2.3,node-1\n");
  });

  it("never signals dnsmasq itself: the worker owns the SIGHUP (a pid in the pid file survives)", async () => {
    // `sleep` dies on SIGHUP: if the web code signalled the pid file's process, it would be gone.
    const stand = spawn("sleep", ["30"], { stdio: "ignore" });
    try {
      await mkdir(paths().dataDir, { recursive: true });
      await writeFile(paths().dnsmasqPidFile, `${stand.pid}\n`);
      await syncDeviceReservation(approved);
      await syncDeviceReservation({ ...approved, ipAddress: "10.1.2.4" });
      await removeDeviceReservation(mac);
      await sleep(200);
      expect({ exitCode: stand.exitCode, signal: stand.signalCode }).toEqual({ exitCode: null, signal: null });
    } finally {
      stand.kill("SIGKILL");
    }
  });
});
