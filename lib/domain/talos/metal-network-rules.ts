import { isIP } from "node:net";
import { isIpOrCidr } from "@/lib/domain/net/cidr";
import { isPlainObject } from "@/lib/domain/talos/talos-yaml";

type Obj = Record<string, unknown>;

// Talos's network config validation (https://github.com/siderolabs/talos/blob/v1.11.6/pkg/machinery/config/types/v1alpha1/v1alpha1_validation.go) (the parts ktizo's configs can hit): interface xor deviceSelector, a
// non-empty selector, IP/CIDR addresses, routes with a CIDR network and/or an IP gateway,
// parseable VIPs, and no VIPs on workers.
export const checkInterfaces = (network: Obj, worker: boolean): string[] => {
  const interfaces = Array.isArray(network.interfaces) ? network.interfaces : [];
  const errors: string[] = [];
  interfaces.forEach((raw, index) => {
    const path = `machine.network.interfaces[${index}]`;
    if (!isPlainObject(raw)) return errors.push(`${path}: must be a mapping`);
    const hasName = typeof raw.interface === "string" && raw.interface !== "";
    const selector = raw.deviceSelector;
    if (hasName === (selector !== undefined)) errors.push(`${path}: set exactly one of interface and deviceSelector`);
    if (selector !== undefined && (!isPlainObject(selector) || Object.keys(selector).length === 0)) {
      errors.push(`${path}.deviceSelector: must not be empty`);
    }
    errors.push(...addressErrors(`${path}.addresses`, raw.addresses));
    errors.push(...routeErrors(`${path}.routes`, raw.routes));
    errors.push(...vipErrors(path, raw.vip, worker));
    (Array.isArray(raw.vlans) ? raw.vlans : []).forEach((vlan, vlanIndex) => {
      if (!isPlainObject(vlan)) return;
      errors.push(...addressErrors(`${path}.vlans[${vlanIndex}].addresses`, vlan.addresses));
      errors.push(...routeErrors(`${path}.vlans[${vlanIndex}].routes`, vlan.routes));
      errors.push(...vipErrors(`${path}.vlans[${vlanIndex}]`, vlan.vip, worker));
    });
  });
  const nameservers = Array.isArray(network.nameservers) ? network.nameservers : [];
  nameservers.forEach((server, index) => {
    if (typeof server !== "string" || isIP(server) === 0) errors.push(`machine.network.nameservers[${index}]: must be an IP address`);
  });

  return errors;
};

const addressErrors = (path: string, addresses: unknown): string[] =>
  (Array.isArray(addresses) ? addresses : []).flatMap((address, index) =>
    typeof address === "string" && isIpOrCidr(address) ? [] : [`${path}[${index}]: must be an IP address or CIDR`],
  );

const routeErrors = (path: string, routes: unknown): string[] =>
  (Array.isArray(routes) ? routes : []).flatMap((route, index) => {
    if (!isPlainObject(route)) return [`${path}[${index}]: must be a mapping`];
    const errors: string[] = [];
    const { network, gateway, source } = route as Obj;
    if (!network && !gateway) errors.push(`${path}[${index}]: network or gateway required`);
    if (network !== undefined && !(typeof network === "string" && network.includes("/") && isIpOrCidr(network))) {
      errors.push(`${path}[${index}].network: must be a CIDR`);
    }
    if (gateway !== undefined && !(typeof gateway === "string" && isIP(gateway) !== 0)) errors.push(`${path}[${index}].gateway: must be an IP`);
    if (source !== undefined && !(typeof source === "string" && isIP(source) !== 0)) errors.push(`${path}[${index}].source: must be an IP`);

    return errors;
  });

const vipErrors = (path: string, vip: unknown, worker: boolean): string[] => {
  if (vip === undefined) return [];
  if (worker) return [`${path}.vip: virtual IPs are only allowed on control planes`];
  const ip = isPlainObject(vip) ? vip.ip : undefined;

  return typeof ip === "string" && isIP(ip) !== 0 ? [] : [`${path}.vip.ip: must be an IP address`];
};
