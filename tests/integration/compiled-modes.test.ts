import { chmod, mkdir, stat } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { syncDeviceReservation } from "@/lib/compile/device-reservation";
import { writeDnsmasqConfig } from "@/lib/compile/compile-dnsmasq";
import { prepareTftpRoot } from "@/lib/compile/prepare-tftp-root";
import { writeFileAtomic } from "@/lib/compile/write-file-atomic";
import { paths } from "@/lib/paths";

// dnsmasq reads the TFTP root and the reservation files as user nobody (docs/network.md). Under a
// hardened umask (077 here) the directories and files ktizo writes for it must still be 0755 and
// 0644, or machines get no iPXE binary and no reserved address.
const modeOf = async (file: string) => (await stat(file)).mode & 0o777;

describe("what dnsmasq reads, written under a umask of 077", () => {
  let previous: number;
  beforeEach(() => {
    previous = process.umask(0o077);
  });
  afterEach(() => {
    process.umask(previous);
  });

  it("the compiled directories are 0755 and the files 0644", async () => {
    await writeDnsmasqConfig("port=0\n");
    const copied = await prepareTftpRoot({ uefiBinary: "ipxe.efi", arm64Binary: null });
    await syncDeviceReservation({ mac: "52:54:00:00:00:01", ipAddress: "10.50.0.11", hostname: "a", status: "approved" });
    const { compiledDir, dnsmasqDir, hostsDir, tftpRoot } = paths();

    expect(await Promise.all([compiledDir, dnsmasqDir, hostsDir, tftpRoot].map(modeOf))).toEqual([0o755, 0o755, 0o755, 0o755]);
    expect(await Promise.all(copied.map((name) => modeOf(path.join(tftpRoot, name))))).toEqual(copied.map(() => 0o644));
    expect(await modeOf(path.join(hostsDir, "525400000001"))).toBe(0o644);
    expect(await modeOf(paths().dnsmasqConf)).toBe(0o644);
  });

  it("a reservation directory left closed is opened again before the next file is written", async () => {
    await mkdir(paths().hostsDir, { recursive: true });
    await chmod(paths().hostsDir, 0o700);
    await syncDeviceReservation({ mac: "52:54:00:00:00:02", ipAddress: "10.50.0.12", hostname: null, status: "approved" });

    expect(await modeOf(paths().hostsDir)).toBe(0o755);
  });

  it("an explicit mode is exact (a key stays 0600); without one the umask applies", async () => {
    const key = path.join(paths().dataDir, "modes", "key");
    const plain = path.join(paths().dataDir, "modes", "plain");
    await writeFileAtomic(key, "k", { mode: 0o600 });
    await writeFileAtomic(plain, "p");

    expect([await modeOf(key), await modeOf(plain)]).toEqual([0o600, 0o600]);
    await writeFileAtomic(key, "k2", { mode: 0o644 });
    expect(await modeOf(key)).toBe(0o644);
  });
});
