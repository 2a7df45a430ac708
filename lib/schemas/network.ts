import { z } from "zod";
import { schematicPattern, vanillaSchematic } from "@/lib/domain/boot-assets";
import { checkNetworkConsistency } from "@/lib/domain/dnsmasq/check-network";
import { isIpv4, prefixLengthOf } from "@/lib/domain/net/ipv4";
import { bareFileNamePattern } from "@/lib/domain/bare-file-name";
import { identityChecks } from "@/lib/domain/identity/decide-identity";

// Every value here ends up in dnsmasq.conf, an iPXE script or a kernel command line. Each field
// has a closed character set, so none can carry a newline, a comma (dnsmasq's field separator), a
// quote or an iPXE `${...}` expansion. Cross-field rules (range inside the subnet, ...) are in
// checkNetworkConsistency so the form, the API and the apply step use the same ones.
// Control characters are refused outright (not trimmed away): "eth0\n" is an attack, not a typo.
const text = () =>
  z
    .string()
    .regex(/^[^\u0000-\u001f\u007f]*$/, "must not contain control characters such as newlines")
    .trim();

const ipv4 = (label: string) => text().refine(isIpv4, `${label} must be an IPv4 address like 10.0.0.1`);

const netmask = text()
  .refine((value) => {
    const bits = prefixLengthOf(value);

    return bits !== null && bits >= 8 && bits <= 30;
  }, "netmask must be a contiguous mask between 255.0.0.0 and 255.255.255.252");

// Linux interface names: at most 15 characters (IFNAMSIZ - 1), no slash, no whitespace.
const interfaceName = text()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,14}$/, "interface must be a Linux interface name like eth0 or enp3s0");

// iPXE in Debian has no TLS, so the URL machines use to reach ktizo must be plain http.
const httpBaseUrl = text()
  .regex(
    /^http:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?(?:\/[A-Za-z0-9._~-]+)*\/?$/,
    "httpBaseUrl must be a plain http:// URL (host, optional port and path), e.g. http://10.0.0.2:3000",
  )
  .transform((value) => value.replace(/\/+$/, ""));

const domainName = text()
  .toLowerCase()
  .max(253)
  .regex(/^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, "domain must be a DNS name like lab.example");

// dnsmasq lease times: seconds, or a number with m/h/d, or "infinite"; dnsmasq refuses under 2 minutes.
const leaseTime = text()
  .regex(/^(?:\d{1,7}[smhdw]?|infinite)$/, "leaseTime must look like 12h, 30m, 3600 or infinite")
  .refine((value) => value === "infinite" || leaseSeconds(value) >= 120, "leaseTime must be at least 2 minutes");

const leaseSeconds = (value: string): number => {
  const unit = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 }[value.slice(-1)] ?? 1;

  return Number.parseInt(value, 10) * unit;
};

// A bare file name inside KTIZO_IPXE_DIR, never a path: the file is copied into the TFTP root and
// served to anyone (lib/compile/ipxe-binary.ts checks that it exists, at save and at apply).
const arm64Binary = text()
  .max(128, "arm64Binary must be a file name of at most 128 characters")
  .regex(bareFileNamePattern, "arm64Binary must be a bare file name in the iPXE directory (KTIZO_IPXE_DIR), like ipxe-arm64.efi: no / and no leading dot");

// Kernel arguments go into the iPXE `kernel` line: space-separated tokens of a safe set. A comma is
// allowed here (console=ttyS0,115200n8) because this value never reaches dnsmasq; `$`, quotes,
// newlines and `#` are not, so no iPXE expansion or extra command is possible.
const extraKernelArgs = z
  .string()
  .max(1024)
  // Refused before the trim below: a leading or trailing newline is an attack, not a typo (tabs are fine).
  .regex(/^[^\u0000-\u0008\u000a-\u001f\u007f]*$/, "extraKernelArgs must not contain control characters such as newlines")
  .transform((value) => value.trim().replace(/[ \t]+/g, " "))
  .refine((value) => value === "" || /^[A-Za-z0-9_.,:=/+@%-]+(?: [A-Za-z0-9_.,:=/+@%-]+)*$/.test(value), {
    message: "extraKernelArgs must be space-separated tokens of letters, digits and _ . , : = / + @ % -",
  });

// Fields without defaults: PUT bodies are partial and must not reset what they leave out.
export const networkSettingsFields = z.object({
  interface: interfaceName,
  serverIp: ipv4("serverIp"),
  httpBaseUrl,
  dhcpMode: z.enum(["full", "proxy"]),
  dhcpRangeStart: z.union([ipv4("dhcpRangeStart"), z.literal("")]),
  dhcpRangeEnd: z.union([ipv4("dhcpRangeEnd"), z.literal("")]),
  netmask,
  gateway: ipv4("gateway").nullable(),
  dnsServers: z.array(ipv4("dnsServers")).max(8, "at most 8 DNS servers"),
  domain: domainName.nullable(),
  leaseTime,
  dnsEnabled: z.boolean(),
  tftpEnabled: z.boolean(),
  uefiBinary: z.enum(["ipxe.efi", "snponly.efi"]),
  arm64Binary: arm64Binary.nullable(),
  ipxePollSeconds: z.number().int().min(1).max(300),
  assetSource: z.enum(["factory", "local"]),
  factorySchematic: text().toLowerCase().regex(schematicPattern, "factorySchematic must be 64 hex characters"),
  extraKernelArgs,
  // Boot policy (docs/devices.md): token lifetime, MAC-only downloads, how long a pending download is held
  // (under Talos's 3-minute per-attempt limit).
  provisionWindowMinutes: z.number().int().min(1).max(1440),
  allowMacOnlyDownload: z.boolean(),
  pendingHoldSeconds: z.number().int().min(0).max(170),
  // Flood bounds (docs/flood-bounds.md): what anonymous traffic on the provisioning network may write.
  registrationBurst: z.number().int().min(1).max(10_000),
  registrationsPerMinute: z.number().int().min(1).max(60_000),
  maxPendingDevices: z.number().int().min(1).max(1_000_000),
  maxHeldDownloads: z.number().int().min(0).max(10_000),
  // Retention (days) applied by the worker's retention job.
  eventRetentionDays: z.number().int().min(1).max(3650),
  tokenRetentionDays: z.number().int().min(1).max(3650),
  deliveryRetentionDays: z.number().int().min(1).max(3650),
  // How a boot request's source address must be bound to the MAC (docs/security.md).
  identityCheck: z.enum(identityChecks, { error: "identityCheck must be strict, ip-only or off" }),
});

// What POST fills in for omitted fields (the same values as the Prisma defaults).
export const networkSettingsDefaults = {
  dhcpMode: "full",
  dhcpRangeStart: "",
  dhcpRangeEnd: "",
  netmask: "255.255.255.0",
  gateway: null,
  dnsServers: [],
  domain: null,
  leaseTime: "12h",
  dnsEnabled: false,
  tftpEnabled: true,
  uefiBinary: "ipxe.efi",
  arm64Binary: null,
  ipxePollSeconds: 10,
  assetSource: "factory",
  factorySchematic: vanillaSchematic,
  extraKernelArgs: "",
  provisionWindowMinutes: 60,
  allowMacOnlyDownload: false,
  pendingHoldSeconds: 60,
  registrationBurst: 10,
  registrationsPerMinute: 10,
  maxPendingDevices: 5000,
  maxHeldDownloads: 100,
  eventRetentionDays: 90,
  tokenRetentionDays: 7,
  deliveryRetentionDays: 30,
  identityCheck: "strict",
} as const;

const withDefaults = (value: unknown): unknown =>
  value !== null && typeof value === "object" && !Array.isArray(value)
    ? { ...networkSettingsDefaults, ...Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) }
    : value;

export const networkSettingsSchema = z.preprocess(
  withDefaults,
  networkSettingsFields.strict().superRefine((value, ctx) => {
    for (const issue of checkNetworkConsistency(value)) ctx.addIssue({ code: "custom", path: [issue.path], message: issue.message });
  }),
);
export type NetworkSettingsInput = z.infer<typeof networkSettingsSchema>;

// PUT takes any subset; the service merges it over the stored row and validates the whole again.
export const updateNetworkSettingsSchema = networkSettingsFields.partial().strict();
export type UpdateNetworkSettingsInput = z.infer<typeof updateNetworkSettingsSchema>;

export const networkSettingsIdSchema = z.object({ id: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/) });

// The stored settings as the API answers them (type and OpenAPI document from this one schema).
export const networkSettingsJsonSchema = networkSettingsFields.extend({
  id: z.string(),
  appliedAt: z.string().describe("ISO 8601 time").nullable(),
  appliedHash: z.string().nullable(),
  updatedAt: z.string().describe("ISO 8601 time"),
});
export type NetworkSettingsJson = NetworkSettingsInput & Pick<z.infer<typeof networkSettingsJsonSchema>, "id" | "appliedAt" | "appliedHash" | "updatedAt">;

// What Apply did: the file it wrote, and what dnsmasq made of it as the worker reports it.
export const applyNetworkResultSchema = z.object({
  appliedAt: z.iso.datetime(),
  configHash: z.string().regex(/^[0-9a-f]{64}$/),
  dnsmasqTest: z.enum(["ok", "skipped"]),
  // running: dnsmasq serves exactly this config. refused: dnsmasq would not start with it.
  // unavailable: no worker or no dnsmasq to run it (or no report within KTIZO_APPLY_WAIT_MS).
  dnsmasq: z.enum(["running", "refused", "unavailable"]),
  // dnsmasq's own message (refused) or what is missing (unavailable); null while running.
  dnsmasqMessage: z.string().nullable(),
  // dnsmasq still answers with the config it had before this apply.
  servingPrevious: z.boolean(),
});
export type ApplyNetworkResult = z.infer<typeof applyNetworkResultSchema>;
