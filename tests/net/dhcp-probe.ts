import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Lan } from "@/tests/net/netns";

// DHCP clients for tests, run inside a Lan host namespace. Each answers what a PXE ROM or iPXE
// would see: the offered address, the next-server (siaddr) and the boot file name or URL.
export type DhcpAnswer = { ip: string | null; siaddr: string | null; bootFile: string | null; serverId: string | null };

// Client architecture (DHCP option 93) as firmware sends it.
export const pxeArch = { bios: 0, efiIa32: 6, efiX64: 7, efiBc: 9, efiArm64: 11, efiX64Http: 16 } as const;

export type ProbeOptions = {
  host: string;
  arch?: number; // omitted: a plain DHCP client without PXE options
  userClass?: string; // "iPXE" for the second DHCP round that iPXE itself makes
  vendorClass?: string; // default "PXEClient:Arch:<arch>:UNDI:002001" when arch is set
  configure?: boolean; // add the leased address to the interface (for TFTP/HTTP afterwards)
  timeoutSeconds?: number;
};

const hookScript = `#!/bin/sh
case "$1" in bound|renew)
  printf 'KTZ ip=%s\\n' "$ip"
  printf 'KTZ siaddr=%s\\n' "$siaddr"
  printf 'KTZ boot_file=%s\\n' "$boot_file"
  printf 'KTZ serverid=%s\\n' "$serverid"
  if [ -n "$KTZ_CONFIGURE" ]; then
    # An address kept from an earlier probe of this host is fine; any other failure fails the probe
    # (udhcpc ignores the hook's exit code, so the hook says so on stdout).
    out=$(ip addr add "$ip/\${mask:-24}" dev "$interface" 2>&1) || case "$out" in *"File exists"*|*"already assigned"*) ;; *) printf 'KTZ hook_error=%s\n' "$out" ;; esac
  fi ;;
esac
exit 0
`;

const hex = (text: string) => Buffer.from(text, "utf8").toString("hex");

// busybox udhcpc: -q quits after the lease, -n fails instead of retrying forever. No lease (or a
// failing hook) throws with udhcpc's output: a test never reads a client failure as an answer.
export const udhcpcProbe = async (lan: Lan, options: ProbeOptions): Promise<DhcpAnswer> => {
  const dir = await mkdtemp(path.join(tmpdir(), "ktz-udhcpc-"));
  try {
    const hook = path.join(dir, "hook.sh");
    await writeFile(hook, hookScript);
    await chmod(hook, 0o755);
    const host = lan.host(options.host);
    const tries = String(Math.max(2, Math.ceil((options.timeoutSeconds ?? 8) / 2)));
    const argv = ["busybox", "udhcpc", "-f", "-q", "-n", "-t", tries, "-T", "2", "-i", host.iface, "-s", hook];
    if (options.arch !== undefined) {
      const archHex = options.arch.toString(16).padStart(4, "0");
      const vendor = options.vendorClass ?? `PXEClient:Arch:${String(options.arch).padStart(5, "0")}:UNDI:002001`;
      argv.push("-V", vendor, "-x", `0x5d:${archHex}`);
    } else if (options.vendorClass) {
      argv.push("-V", options.vendorClass);
    }
    if (options.userClass) argv.push("-x", `0x4d:${hex(options.userClass)}`);
    const env = options.configure ? ["env", "KTZ_CONFIGURE=1"] : [];
    const result = await lan.run(options.host, [...env, ...argv], { timeoutMs: 30_000 });
    if (result.exitCode !== 0 || !/^KTZ ip=\S/m.test(String(result.stdout)) || /^KTZ hook_error=/m.test(String(result.stdout))) {
      throw new Error(`udhcpc on ${options.host} failed or got no lease (exit ${result.exitCode}):\n${String(result.stdout)}${String(result.stderr)}`);
    }
    const fields = Object.fromEntries(
      String(result.stdout)
        .split("\n")
        .filter((line) => line.startsWith("KTZ "))
        .map((line) => {
          const [key, ...rest] = line.slice(4).split("=");

          return [key, rest.join("=")];
        }),
    ) as Record<string, string | undefined>;
    const orNull = (value: string | undefined) => (value ? value : null);

    return {
      ip: orNull(fields.ip),
      siaddr: orNull(fields.siaddr),
      bootFile: orNull(fields.boot_file),
      serverId: orNull(fields.serverid),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

export type PxeReply = {
  type: number;
  yiaddr: string;
  siaddr: string;
  bootFile: string | null;
  serverId: string | null;
  vendorClass: string | null;
  menuItem: number | null;
};

export type PxeProbeResult = { offers: PxeReply[]; ack: PxeReply | null; bootServerAck: PxeReply | null };

const probeScript = path.join(import.meta.dirname, "pxe-probe.py");

// Raw PXE exchange (pxe-probe.py): DISCOVER → OFFERs → REQUEST the address → port-4011 boot-server
// REQUEST to a proxy-DHCP server when one answered. Needed for proxy mode, which udhcpc cannot show.
export const pxeProbe = async (
  lan: Lan,
  options: { host: string; arch: number; userClass?: string; vendorClass?: string; waitSeconds?: number },
): Promise<PxeProbeResult> => {
  const host = lan.host(options.host);
  const argv = ["python3", probeScript, host.iface, host.mac, String(options.arch), options.userClass ?? ""];
  argv.push(String(options.waitSeconds ?? 4), options.vendorClass ?? "");
  const result = await lan.run(options.host, argv, { timeoutMs: 60_000 });
  if (result.exitCode !== 0) throw new Error(`pxe-probe failed (${result.exitCode}): ${String(result.stderr)}`);

  return JSON.parse(String(result.stdout)) as PxeProbeResult;
};

// The answer a firmware would act on: the ACK from the boot server (proxy) or the plain ACK.
export const pxeAnswer = (result: PxeProbeResult): DhcpAnswer => {
  const boot = result.bootServerAck ?? result.ack;

  return {
    ip: result.ack?.yiaddr ?? null,
    siaddr: boot?.siaddr ?? null,
    bootFile: boot?.bootFile ?? null,
    serverId: boot?.serverId ?? null,
  };
};
