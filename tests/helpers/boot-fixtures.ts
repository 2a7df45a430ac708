import { prisma } from "@/lib/db/client";

// Settings rows for boot-chain tests, written straight to the test database.
export const testHttpBaseUrl = "http://10.42.0.2:3100";

type NetworkOverrides = Partial<{
  provisionWindowMinutes: number;
  allowMacOnlyDownload: boolean;
  pendingHoldSeconds: number;
  extraKernelArgs: string;
  ipxePollSeconds: number;
  registrationBurst: number;
  registrationsPerMinute: number;
  maxPendingDevices: number;
  maxHeldDownloads: number;
  eventRetentionDays: number;
  tokenRetentionDays: number;
  deliveryRetentionDays: number;
  identityCheck: "strict" | "ip-only" | "off";
}>;

export const seedNetworkSettings = ({ identityCheck, ...overrides }: NetworkOverrides = {}) =>
  prisma.networkSettings.create({
    data: {
      interface: "eth0",
      serverIp: "10.42.0.2",
      httpBaseUrl: testHttpBaseUrl,
      dhcpRangeStart: "10.42.0.100",
      dhcpRangeEnd: "10.42.0.200",
      netmask: "255.255.255.0",
      gateway: "10.42.0.1",
      dnsServers: ["10.42.0.1"],
      // Handler-level tests call route handlers with a made-up client address that no neighbour
      // table holds, so they run with the identity check off unless they choose a mode. The
      // check itself is tested with real neighbour tables and leases in tests/net/identity-*.test.ts
      // and with a fixed table in tests/integration/boot-identity.test.ts.
      identityCheck: "off",
      ...overrides,
      // Prisma names the stored "ip-only" ip_only (an enum value must be an identifier).
      ...(identityCheck ? { identityCheck: identityCheck === "ip-only" ? ("ip_only" as const) : identityCheck } : {}),
    },
  });

export const machineRequest = (path: string, init: RequestInit & { ip?: string } = {}): Request => {
  const { ip = "10.42.0.150", headers, ...rest } = init;

  return new Request(`http://ktizo.test${path}`, { ...rest, headers: { "x-forwarded-for": ip, ...headers } });
};

export const noParams = { params: Promise.resolve({}) } as { params: Promise<Record<string, never>> };

// A source address of its own for each MAC (10.<last three octets>), as real machines have: tests
// that register many MACs are not about the per-address registration limit (admit-registration.ts).
export const ipForMac = (mac: string): string => {
  const octets = mac.split(/[:-]/).slice(-3).map((octet) => Number.parseInt(octet, 16));

  return `10.${octets.join(".")}`;
};
