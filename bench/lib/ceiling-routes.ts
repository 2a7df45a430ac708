import { macToHyphen } from "@/lib/domain/mac";
import { runFixedRate, type FixedRateResult } from "./fixed-rate";
import { runLoad, type LoadResult } from "./load";
import { resetForDownloads } from "./seed";

// ktizo's boot-path routes as the ceiling benchmark drives them, each with the share of the
// empty route handler's throughput it must reach (the targets).
export type BootRoute = { name: string; target: number; sample: string; run: (options: RouteRun) => Promise<LoadResult>; openLoop: (options: OpenLoopRun) => Promise<FixedRateResult> };
type RouteRun = { url: string; connections: number; durationS: number; overallRate?: number };
type OpenLoopRun = { url: string; connections: number; durationS: number; rate: number };

export const downloadsPerRound = 1000;

type Options = { pendingMacs: string[]; approvedMacs: string[]; approvedPrefix: string; sourceIp: string };

const roundRobin = (macs: string[]) => {
  let next = 0;

  return () => `/api/v1/boot/ipxe?mac=${macToHyphen(macs[next++ % macs.length]!)}&arch=x86_64`;
};

const downloadPaths = async ({ approvedMacs, approvedPrefix, sourceIp }: Omit<Options, "pendingMacs">): Promise<() => string> => {
  const tokens = await resetForDownloads(approvedPrefix, { boundIp: sourceIp });
  let next = 0;

  return () => {
    const mac = approvedMacs[next++ % approvedMacs.length]!;

    return `/api/v1/config/download?mac=${encodeURIComponent(mac)}&token=${tokens.get(mac)}`;
  };
};

export const bootRoutes = ({ pendingMacs, approvedMacs, approvedPrefix, sourceIp }: Options): BootRoute[] => [
  {
    name: "/boot.ipxe",
    target: 0.7,
    sample: "chain",
    run: ({ url, connections, durationS, overallRate }) => runLoad({ url, connections, durationS, overallRate, path: () => "/boot.ipxe" }),
    openLoop: (options) => runFixedRate({ ...options, path: () => "/boot.ipxe" }),
  },
  {
    name: "pending poll",
    target: 0.7,
    sample: "waiting for approval",
    run: ({ url, connections, durationS, overallRate }) => runLoad({ url, connections, durationS, overallRate, path: roundRobin(pendingMacs) }),
    openLoop: (options) => runFixedRate({ ...options, path: roundRobin(pendingMacs) }),
  },
  {
    name: "approved Talos script",
    target: 0.5,
    sample: "kernel ",
    run: ({ url, connections, durationS, overallRate }) => runLoad({ url, connections, durationS, overallRate, path: roundRobin(approvedMacs) }),
    openLoop: (options) => runFixedRate({ ...options, path: roundRobin(approvedMacs) }),
  },
  {
    // 1,000 first downloads, each with a valid one-use token bound to the loopback source (a
    // download provisions the device, so the round is reset and re-minted before each run).
    name: "config download",
    target: 0.3,
    sample: "machine:",
    run: async ({ url, connections, overallRate }) => runLoad({ url, connections, amount: downloadsPerRound, overallRate, path: await downloadPaths({ approvedMacs, approvedPrefix, sourceIp }) }),
    // The same 1,000 first downloads, spread evenly at the rate (so the run lasts 1000 / rate s).
    openLoop: async ({ url, connections, rate }) => runFixedRate({ url, connections, rate, durationS: downloadsPerRound / rate, path: await downloadPaths({ approvedMacs, approvedPrefix, sourceIp }) }),
  },
];

// One request of each route, checked for what it must say (a wrong setup would otherwise measure
// error pages at full speed).
export const checkSamples = async ({ url, routes, pendingMac, approvedMac, approvedPrefix, sourceIp }: { url: string; routes: BootRoute[]; pendingMac: string; approvedMac: string; approvedPrefix: string; sourceIp: string }) => {
  const paths = [
    async () => "/boot.ipxe",
    async () => `/api/v1/boot/ipxe?mac=${macToHyphen(pendingMac)}&arch=x86_64`,
    async () => `/api/v1/boot/ipxe?mac=${macToHyphen(approvedMac)}&arch=x86_64`,
    // Minted after the script above: a script replaces the device's one live token.
    async () => `/api/v1/config/download?mac=${encodeURIComponent(approvedMac)}&token=${(await resetForDownloads(approvedPrefix, { boundIp: sourceIp })).get(approvedMac)}`,
  ];
  for (const [index, route] of routes.entries()) {
    const response = await fetch(`${url}${await paths[index]!()}`);
    const body = await response.text();
    if (response.status !== 200 || !body.includes(route.sample)) throw new Error(`${route.name}: expected 200 with "${route.sample}", got ${response.status}:\n${body.slice(0, 400)}`);
  }
};
