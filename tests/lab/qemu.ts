import { spawn, type ChildProcess } from "node:child_process";
import { constants } from "node:fs";
import { copyFile, readFile } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { execa } from "execa";
import type { Lan } from "@/tests/net/netns";

// One lab VM: QEMU under TCG (no KVM here) inside its own namespace, its NIC a tap device bridged
// to the namespace's lan0, so the firmware sits on the lab segment like a machine in a rack.
export type Firmware = "bios" | "uefi";

const ovmf = "/usr/share/OVMF";

// Inside the VM's namespace: bridge "vmbr" joins lan0 (the veth to the lab switch) and the tap.
export const plugTap = async (lan: Lan, host: string): Promise<void> => {
  const { ns } = lan.host(host);
  const ip = (argv: string[]) => execa("ip", ["-n", ns, ...argv]);
  await ip(["tuntap", "add", "dev", "tap0", "mode", "tap"]);
  await ip(["link", "add", "vmbr", "type", "bridge"]);
  await ip(["link", "set", "lan0", "master", "vmbr"]);
  await ip(["link", "set", "tap0", "master", "vmbr"]);
  await ip(["link", "set", "tap0", "up"]);
  await ip(["link", "set", "vmbr", "up"]);
};

export type Vm = { pid: number; serial: () => Promise<string>; waitForSerial: (pattern: RegExp, timeoutMs: number) => Promise<string>; exited: () => boolean; stop: () => Promise<void> };

type StartVmOptions = { lan: Lan; host: string; firmware: Firmware; mac: string; work: string; boot: number };

// The UEFI variable store is per VM (a copy of Debian's empty OVMF_VARS), kept across its boots.
export const firmwareArgs = async ({ firmware, mac, work, host }: Omit<StartVmOptions, "lan" | "boot">): Promise<string[]> => {
  if (firmware === "bios") {
    // SeaBIOS runs the NIC's option ROM: QEMU's default for virtio-net-pci, which Debian's
    // ipxe-qemu provides (/usr/lib/ipxe/qemu/efi-virtio.rom, legacy + EFI images). With Debian's
    // QEMU 7.2, naming any ROM with `romfile=` (even that same file) left SeaBIOS without a network
    // boot entry, so the default is left in place.
    return [
      "-machine", "pc",
      "-netdev", "tap,id=n0,ifname=tap0,script=no,downscript=no",
      "-device", `virtio-net-pci,netdev=n0,mac=${mac},bootindex=1`,
    ];
  }
  const vars = path.join(work, `${host}-OVMF_VARS_4M.fd`);
  await copyFile(`${ovmf}/OVMF_VARS_4M.fd`, vars, constants.COPYFILE_EXCL).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "EEXIST") throw error;
  });

  return [
    "-machine", "q35",
    "-drive", `if=pflash,format=raw,unit=0,readonly=on,file=${ovmf}/OVMF_CODE_4M.fd`,
    "-drive", `if=pflash,format=raw,unit=1,file=${vars}`,
    // No option ROM: QEMU's default one is iPXE, which would skip the TFTP step. OVMF's own
    // virtio-net driver and PXE client (arch 7) load ktizo's ipxe.efi over TFTP, as a rack's
    // UEFI firmware does.
    "-netdev", "tap,id=n0,ifname=tap0,script=no,downscript=no",
    "-device", `virtio-net-pci,netdev=n0,mac=${mac},bootindex=1,romfile=`,
  ];
};

export const startVm = async (options: StartVmOptions): Promise<Vm> => {
  const { lan, host, work, boot } = options;
  const serialFile = path.join(work, `${host}-boot${boot}.serial.log`);
  const argv = [
    "qemu-system-x86_64", "-accel", "tcg", "-m", "512", "-smp", "1", "-nographic", "-no-reboot", "-monitor", "none",
    "-serial", `file:${serialFile}`, "-name", `ktizo-lab-${host}`,
    ...(await firmwareArgs(options)),
  ];
  const child: ChildProcess = spawn("ip", ["netns", "exec", lan.host(host).ns, ...argv], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  child.stdout?.resume();
  const exitedPromise = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const serial = () => readFile(serialFile, "utf8").catch(() => "");

  return {
    pid: child.pid ?? -1,
    serial,
    exited,
    waitForSerial: async (pattern, timeoutMs) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const text = await serial();
        if (pattern.test(text)) return text;
        if (exited() || Date.now() > deadline) {
          const why = exited() ? `QEMU exited (${child.exitCode ?? child.signalCode})` : `timed out after ${timeoutMs} ms`;
          throw new Error(`${host} boot ${boot}: ${why} before ${pattern}\nqemu stderr: ${stderr}\nserial tail:\n${text.slice(-3000)}`);
        }
        await sleep(500);
      }
    },
    stop: async () => {
      if (exited()) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exitedPromise;
      clearTimeout(timer);
    },
  };
};
