import { isIP } from "node:net";
import { AppError } from "@/lib/domain/errors";
import {
  applyPatchDocuments,
  parseConfigDocuments,
  parseConfigPatch,
  stringifyConfigDocuments,
  type ConfigDocument,
} from "@/lib/domain/talos/config-documents";
import { isDnsName } from "@/lib/domain/talos/net-format";

export type RenderDeviceConfigOptions = {
  baseConfig: string; // role base YAML incl. cluster patches
  groupPatch?: string | null;
  device: { mac: string; hostname?: string | null; ipAddress?: string | null; installDisk?: string | null };
  network: { prefixLength: number; gateway?: string | null; nameservers: string[] };
};

const macPattern = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/;
const diskPattern = /^\/dev\/[A-Za-z0-9._/-]+$/;

// Merge order: role base <- group patch <- the device's own settings (https://www.talos.dev/v1.11/talos-guides/configuration/patching/).
export const renderDeviceConfig = ({ baseConfig, groupPatch, device, network }: RenderDeviceConfigOptions): string => {
  const group = parseGroupPatch(groupPatch);

  return renderDeviceConfigOn({ baseDocuments: parseConfigDocuments(baseConfig), groupPatch: group, device, network });
};

// A group patch parsed and checked against the Talos schema; throws validation_failed naming it.
export const parseGroupPatch = (groupPatch: string | null | undefined): ConfigDocument[] => {
  const group = parseConfigPatch(groupPatch ?? "", "group patch");
  if (!group.ok) throw new AppError("validation_failed", group.errors.join("; "));

  return group.documents;
};

export type RenderOnOptions = Pick<RenderDeviceConfigOptions, "device" | "network"> & { baseDocuments: ConfigDocument[]; groupPatch: ConfigDocument[] };

// The same render on documents parsed once (the config download keeps them in memory). The merge
// copies what it changes (strategic-merge.ts), so the parsed inputs are never modified.
export const renderDeviceConfigOn = ({ baseDocuments, groupPatch, device, network }: RenderOnOptions): string =>
  stringifyConfigDocuments(applyPatchDocuments(applyPatchDocuments(baseDocuments, groupPatch), [devicePatch({ device, network })]));

type DevicePatchOptions = Pick<RenderDeviceConfigOptions, "device" | "network">;

// Static addressing selects the NIC by its MAC (lower-case, colon form: what Talos globs against).
export const devicePatch = ({ device, network }: DevicePatchOptions): ConfigDocument => {
  const mac = device.mac.toLowerCase();
  if (!macPattern.test(mac)) throw new AppError("validation_failed", `device MAC "${device.mac}" is not a MAC address`);
  const networkPatch: Record<string, unknown> = {};
  if (device.hostname) {
    if (!isDnsName(device.hostname)) throw new AppError("validation_failed", `hostname "${device.hostname}" is not valid`);
    networkPatch.hostname = device.hostname;
  }
  if (device.ipAddress) {
    if (isIP(device.ipAddress) === 0) throw new AppError("validation_failed", `"${device.ipAddress}" is not an IP address`);
    const max = isIP(device.ipAddress) === 4 ? 32 : 128;
    if (!Number.isInteger(network.prefixLength) || network.prefixLength < 1 || network.prefixLength > max) {
      throw new AppError("validation_failed", `prefix length ${network.prefixLength} is out of range`);
    }
    const nameservers = network.nameservers.filter((server) => server.trim() !== "");
    const bad = [network.gateway, ...nameservers].find((ip) => ip && isIP(ip) === 0);
    if (bad) throw new AppError("validation_failed", `"${bad}" is not an IP address`);
    networkPatch.interfaces = [
      {
        deviceSelector: { hardwareAddr: mac },
        addresses: [`${device.ipAddress}/${network.prefixLength}`],
        ...(network.gateway ? { routes: [{ network: isIP(network.gateway) === 6 ? "::/0" : "0.0.0.0/0", gateway: network.gateway }] } : {}),
      },
    ];
    // Key order of Talos's NetworkConfig struct: hostname, interfaces, nameservers.
    if (nameservers.length > 0) networkPatch.nameservers = nameservers;
  }
  const machine: Record<string, unknown> = {};
  if (Object.keys(networkPatch).length > 0) machine.network = networkPatch;
  if (device.installDisk) {
    if (!diskPattern.test(device.installDisk)) throw new AppError("validation_failed", `install disk "${device.installDisk}" is not a device path`);
    machine.install = { disk: device.installDisk };
  }

  return { machine };
};
