import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { prepareTftpRoot } from "@/lib/compile/prepare-tftp-root";
import { prisma } from "@/lib/db/client";
import { paths } from "@/lib/paths";
import { reconcileReservations } from "@/lib/services/network";

const sha256 = async (file: string) => createHash("sha256").update(await readFile(file)).digest("hex");

describe("prepareTftpRoot", () => {
  it("copies the iPXE binaries as world-readable plain files (ipxe.efi is a symlink in Debian)", async () => {
    const copied = await prepareTftpRoot({ uefiBinary: "snponly.efi", arm64Binary: null });
    expect(copied).toEqual(expect.arrayContaining(["undionly.kpxe", "snponly.efi"]));
    for (const name of copied) {
      const info = await stat(path.join(paths().tftpRoot, name));
      expect(info.isFile()).toBe(true);
      expect(info.mode & 0o777).toBe(0o644);
      expect(await sha256(path.join(paths().tftpRoot, name))).toBe(await sha256(path.join(paths().ipxeSourceDir, name)));
    }
    expect((await stat(paths().tftpRoot)).mode & 0o777).toBe(0o755);
  });

  it("copies an arm64 binary named in the iPXE directory under the fixed name ipxe-arm64.efi", async () => {
    // Debian ships no arm64 iPXE: any file of the iPXE directory stands in.
    await prepareTftpRoot({ uefiBinary: "ipxe.efi", arm64Binary: "snponly.efi" });
    expect(await sha256(path.join(paths().tftpRoot, "ipxe-arm64.efi"))).toBe(await sha256(path.join(paths().ipxeSourceDir, "snponly.efi")));
  });

  it("refuses an absolute path, even to a file that exists (no admin value names a host file)", async () => {
    const source = path.join(paths().dataDir, "my-arm64.efi");
    await mkdir(paths().dataDir, { recursive: true });
    await writeFile(source, "arm64 ipxe stand-in");
    await expect(prepareTftpRoot({ uefiBinary: "ipxe.efi", arm64Binary: source })).rejects.toThrow(/arm64Binary must name a file in the iPXE directory/);
  });

  it("refuses a missing arm64 binary with a clear message", async () => {
    await expect(prepareTftpRoot({ uefiBinary: "ipxe.efi", arm64Binary: "no-such-arm64.efi" })).rejects.toThrow(/arm64Binary must name a file in the iPXE directory/);
  });
});

describe("reconcileReservations", () => {
  it("writes a file per approved device with an IP and removes every other reservation file", async () => {
    await prisma.device.createMany({
      data: [
        { mac: "52:54:00:00:00:01", status: "approved", ipAddress: "10.50.0.11", hostname: "a" },
        { mac: "52:54:00:00:00:02", status: "approved", ipAddress: null },
        { mac: "52:54:00:00:00:03", status: "pending", ipAddress: "10.50.0.13" },
      ],
    });
    await mkdir(paths().hostsDir, { recursive: true });
    await writeFile(path.join(paths().hostsDir, "525400000099"), "52:54:00:00:00:99,10.50.0.99\n");
    await writeFile(path.join(paths().hostsDir, "README"), "not a reservation, left alone\n");
    expect(await reconcileReservations()).toEqual({ written: 1, removed: 1 });
    expect((await readdir(paths().hostsDir)).sort()).toEqual(["525400000001", "README"]);
    await expect(readFile(path.join(paths().hostsDir, "525400000001"), "utf8")).resolves.toBe("52:54:00:00:00:01,10.50.0.11,a\n");
  });
});
