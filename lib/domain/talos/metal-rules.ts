import { imageKubernetesVersion, isSupportedKubernetesVersion } from "@/lib/domain/talos/kubernetes-version";
import { isPlainObject } from "@/lib/domain/talos/talos-yaml";
import { checkInterfaces } from "@/lib/domain/talos/metal-network-rules";
import { isDnsName } from "@/lib/domain/talos/net-format";

type Obj = Record<string, unknown>;
const obj = (value: unknown): Obj => (isPlainObject(value) ? value : {});
const str = (value: unknown): string => (typeof value === "string" ? value : "");

// The `talosctl validate --mode metal` rules (plus the node's runtime image-tag check) that can
// apply to what ktizo generates (https://github.com/siderolabs/talos/blob/v1.11.6/pkg/machinery/config/types/v1alpha1/v1alpha1_validation.go). Input: the v1alpha1 document.
export const metalRuleErrors = (doc: Obj): string[] => {
  const errors: string[] = [];
  if (!isPlainObject(doc.machine)) errors.push("machine: section is required");
  if (!isPlainObject(doc.cluster)) errors.push("cluster: section is required");
  const machine = obj(doc.machine);
  const cluster = obj(doc.cluster);
  if (doc.persist === false) errors.push("persist: must not be false");
  const type = str(machine.type);
  if (type !== "controlplane" && type !== "worker") errors.push(`machine.type: must be controlplane or worker (got "${type}")`);
  errors.push(...endpointErrors(str(obj(cluster.controlPlane).endpoint)));
  const dnsDomain = obj(cluster.network).dnsDomain;
  if (dnsDomain !== undefined && !isDnsName(str(dnsDomain))) errors.push("cluster.network.dnsDomain: must be a DNS name");
  const install = obj(machine.install);
  if (!isPlainObject(machine.install)) errors.push("machine.install: required in metal mode");
  else if (!str(install.disk) && !isPlainObject(install.diskSelector)) errors.push("machine.install: disk or diskSelector required");
  const ca = obj(machine.ca);
  if (!str(ca.crt) && !Array.isArray(machine.acceptedCAs)) errors.push("machine.ca.crt: required");
  errors.push(...(type === "worker" ? workerErrors(machine, cluster) : controlPlaneErrors(machine, cluster)));
  errors.push(...checkInterfaces(obj(machine.network), type === "worker"));
  errors.push(...imageErrors(machine, cluster, type === "controlplane"));
  const discovery = obj(cluster.discovery);
  if (discovery.enabled === true && (!str(cluster.id) || !str(cluster.secret))) {
    errors.push("cluster.id, cluster.secret: required when discovery is enabled");
  }

  return errors;
};

const controlPlaneErrors = (machine: Obj, cluster: Obj): string[] => {
  const errors: string[] = [];
  if (!str(obj(machine.ca).key)) errors.push("machine.ca.key: required on a control plane");
  const etcdCa = obj(obj(cluster.etcd).ca);
  if (!str(etcdCa.crt) || !str(etcdCa.key)) errors.push("cluster.etcd.ca: certificate and key required on a control plane");
  const cni = obj(obj(cluster.network).cni);
  const name = cni.name === undefined ? "flannel" : str(cni.name);
  const urls = Array.isArray(cni.urls) ? cni.urls : [];
  if (!["flannel", "none", "custom"].includes(name)) errors.push(`cluster.network.cni.name: unknown CNI "${name}"`);
  if ((name === "flannel" || name === "none") && urls.length > 0) errors.push(`cluster.network.cni.urls: not allowed with ${name}`);
  if (name === "custom" && urls.length === 0) errors.push("cluster.network.cni.urls: required with custom");

  return errors;
};

const workerErrors = (machine: Obj, cluster: Obj): string[] => {
  const errors: string[] = [];
  if (str(obj(machine.ca).key)) errors.push("machine.ca.key: a worker must not carry the os CA key");
  if (str(obj(cluster.ca).key)) errors.push("cluster.ca.key: a worker must not carry the Kubernetes CA key");
  if (cluster.etcd !== undefined) errors.push("cluster.etcd: not allowed on a worker");
  for (const key of ["aggregatorCA", "serviceAccount", "secretboxEncryptionSecret"]) {
    if (cluster[key] !== undefined) errors.push(`cluster.${key}: a worker must not carry it`);
  }

  return errors;
};

const imageErrors = (machine: Obj, cluster: Obj, cp: boolean): string[] => {
  const images: Array<[string, unknown]> = [["machine.kubelet.image", obj(machine.kubelet).image]];
  if (cp) {
    for (const part of ["apiServer", "controllerManager", "scheduler"]) images.push([`cluster.${part}.image`, obj(cluster[part]).image]);
  }

  return images
    .filter(([, image]) => image !== undefined)
    .flatMap(([path, image]) => {
      const version = imageKubernetesVersion(str(image));
      return version && isSupportedKubernetesVersion(version) ? [] : [`${path}: tag must be v1.29.0 - v1.34.x (got "${str(image)}")`];
    });
};

export const endpointErrors = (endpoint: string): string[] => {
  if (!endpoint) return ["cluster.controlPlane.endpoint: required"];
  try {
    const url = new URL(endpoint);
    if (url.protocol !== "https:") return ["cluster.controlPlane.endpoint: must start with https://"];
    if (!url.hostname) return ["cluster.controlPlane.endpoint: host is empty"];
  } catch {
    return ["cluster.controlPlane.endpoint: not a valid URL"];
  }

  return [];
};
