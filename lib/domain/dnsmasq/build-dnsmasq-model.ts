import { intToIpv4, networkOf } from "@/lib/domain/net/ipv4";
import type { NetworkShape } from "@/lib/domain/dnsmasq/check-network";

// Builds the plain data the dnsmasq template renders (build → render → write: the model is testable without a template or a file).
// Boot policy by client architecture (DHCP option 93, RFC 4578 / IANA "Processor Architecture Types"):
//   0 BIOS → undionly.kpxe (TFTP) · 7, 9 UEFI x86-64 → ipxe.efi or snponly.efi (TFTP)
//   11 UEFI arm64 → the configured arm64 iPXE (TFTP) · 16 UEFI x86-64 HTTP boot → ipxe.efi over HTTP
//   19 UEFI arm64 HTTP boot → the arm64 iPXE over HTTP · user class "iPXE" → http://…/boot.ipxe
// Each rule also requires tag:!ipxe, so the tags of a request select exactly one boot line.
export type DnsmasqSettings = NetworkShape & {
  interface: string;
  httpBaseUrl: string;
  domain: string | null;
  leaseTime: string;
  tftpEnabled: boolean;
  uefiBinary: string;
  arm64Binary: string | null;
};

export type DnsmasqLocations = { tftpRoot: string; leaseFile: string; hostsDir: string };

export type BootRule = { tag: string; archs: number[]; file: string; label: string; csa: string[] };

export type DnsmasqModel = {
  interface: string;
  serverIp: string;
  dnsEnabled: boolean;
  upstreamDns: string[];
  full: { start: string; end: string; netmask: string; leaseTime: string } | null;
  proxy: { network: string; netmask: string } | null;
  router: string | null;
  dnsServerOption: string | null;
  domain: string | null;
  leaseFile: string;
  hostsDir: string;
  tftpRoot: string | null;
  tftpRules: BootRule[];
  httpRules: BootRule[];
  ipxeScriptUrl: string;
};

// The arm64 setting names a file (a path on this host or a name in the iPXE directory); the TFTP
// root holds a copy under one fixed name, so it can never collide with the x86 ipxe.efi.
export const arm64BootFileName = (arm64Binary: string | null): string | null => (arm64Binary ? "ipxe-arm64.efi" : null);

export const buildDnsmasqModel = (settings: DnsmasqSettings, locations: DnsmasqLocations): DnsmasqModel => {
  const base = settings.httpBaseUrl.replace(/\/+$/, "");
  const arm64 = arm64BootFileName(settings.arm64Binary);
  const tftpRules: BootRule[] = [
    { tag: "bios", archs: [0], file: "undionly.kpxe", label: "ktizo BIOS", csa: ["x86PC"] },
    { tag: "efi64", archs: [7, 9], file: settings.uefiBinary, label: "ktizo UEFI", csa: ["BC_EFI", "X86-64_EFI"] },
    ...(arm64 ? [{ tag: "arm64", archs: [11], file: arm64, label: "ktizo UEFI arm64", csa: ["ARM64_EFI"] }] : []),
  ];
  const httpRules: BootRule[] = [
    { tag: "http-efi64", archs: [16], file: `${base}/api/v1/assets/ipxe/${settings.uefiBinary}`, label: "", csa: [] },
    ...(arm64 ? [{ tag: "http-arm64", archs: [19], file: `${base}/api/v1/assets/ipxe/${arm64}`, label: "", csa: [] }] : []),
  ];
  const network = networkOf(settings.serverIp, settings.netmask);
  const full = settings.dhcpMode === "full";

  return {
    interface: settings.interface,
    serverIp: settings.serverIp,
    dnsEnabled: settings.dnsEnabled,
    // With DNS on, ktizo's dnsmasq answers clients itself and forwards to the configured servers.
    upstreamDns: settings.dnsEnabled ? settings.dnsServers : [],
    full: full
      ? { start: settings.dhcpRangeStart, end: settings.dhcpRangeEnd, netmask: settings.netmask, leaseTime: settings.leaseTime }
      : null,
    proxy: full || network === null ? null : { network: intToIpv4(network), netmask: settings.netmask },
    router: full ? settings.gateway : null,
    dnsServerOption: !full ? null : settings.dnsEnabled ? settings.serverIp : settings.dnsServers.join(",") || null,
    domain: settings.domain,
    leaseFile: locations.leaseFile,
    hostsDir: locations.hostsDir,
    tftpRoot: settings.tftpEnabled ? locations.tftpRoot : null,
    tftpRules,
    // UEFI HTTP boot is a DHCP-only exchange; proxy mode's PXE menu has no HTTP variant.
    httpRules: full ? httpRules : [],
    ipxeScriptUrl: `${base}/boot.ipxe`,
  };
};
