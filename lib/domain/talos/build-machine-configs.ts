import { endpointHost, talosDefaults, type ClusterConfigInput } from "@/lib/domain/talos/cluster-input";
import { pemToB64 } from "@/lib/domain/talos/pem";
import type { SecretsBundle } from "@/lib/domain/talos/secrets-bundle";

export type Role = "controlplane" | "worker";
type BuildOptions = { input: ClusterConfigInput; bundle: SecretsBundle };

// controlplane.yaml / worker.yaml as `talosctl gen config --with-docs=false --with-examples=false`
// emits them for Talos v1.11, key by key and in emitted order (https://github.com/siderolabs/talos/blob/v1.11.6/pkg/machinery/config/types/v1alpha1/testdata/stability/v1.11).
export const buildMachineConfig = ({ input, bundle, role }: BuildOptions & { role: Role }): Record<string, unknown> => {
  const cp = role === "controlplane";

  return {
    version: "v1alpha1",
    debug: false,
    persist: true,
    machine: buildMachine({ input, bundle }, cp),
    cluster: cp ? buildControlPlaneCluster({ input, bundle }) : buildWorkerCluster({ input, bundle }),
  };
};

const buildMachine = ({ input, bundle }: BuildOptions, cp: boolean) => ({
  type: cp ? "controlplane" : "worker",
  token: bundle.trustdInfo.token,
  // Workers carry the os CA certificate but an empty key (as talosctl gen config's worker.yaml).
  ca: { crt: pemToB64(bundle.certs.os.crt), key: cp ? pemToB64(bundle.certs.os.key) : "" },
  certSANs: [...input.additionalSans],
  kubelet: {
    image: `ghcr.io/siderolabs/kubelet:v${input.kubernetesVersion}`,
    defaultRuntimeSeccompProfileEnabled: true,
    disableManifestsDirectory: true,
  },
  network: {},
  install: { disk: input.installDisk, image: input.installImage, wipe: false },
  features: {
    rbac: true,
    stableHostname: true,
    apidCheckExtKeyUsage: true,
    diskQuotaSupport: true,
    kubePrism: { enabled: true, port: 7445 },
    hostDNS: { enabled: true, forwardKubeDNSToHost: true },
  },
  ...(cp ? { nodeLabels: { "node.kubernetes.io/exclude-from-external-load-balancers": "" } } : {}),
});

const clusterHead = ({ input, bundle }: BuildOptions) => ({
  id: bundle.cluster.id,
  secret: bundle.cluster.secret,
  controlPlane: { endpoint: input.endpoint },
  clusterName: input.clusterName,
  network: { dnsDomain: input.dnsDomain, podSubnets: [...input.podSubnets], serviceSubnets: [...input.serviceSubnets] },
  token: bundle.secrets.bootstrapToken,
});

const discovery = { enabled: true, registries: { kubernetes: { disabled: true }, service: {} } };

const buildWorkerCluster = (options: BuildOptions) => ({
  ...clusterHead(options),
  ca: { crt: pemToB64(options.bundle.certs.k8s.crt), key: "" },
  discovery,
});

const buildControlPlaneCluster = ({ input, bundle }: BuildOptions) => {
  const tag = `v${input.kubernetesVersion}`;

  return {
    ...clusterHead({ input, bundle }),
    secretboxEncryptionSecret: bundle.secrets.secretboxEncryptionSecret,
    ca: { crt: pemToB64(bundle.certs.k8s.crt), key: pemToB64(bundle.certs.k8s.key) },
    aggregatorCA: { crt: pemToB64(bundle.certs.k8sAggregator.crt), key: pemToB64(bundle.certs.k8sAggregator.key) },
    serviceAccount: { key: pemToB64(bundle.certs.k8sServiceAccount.key) },
    apiServer: {
      image: `registry.k8s.io/kube-apiserver:${tag}`,
      certSANs: [endpointHost(input.endpoint), ...input.additionalSans],
      disablePodSecurityPolicy: true,
      admissionControl: [{ name: "PodSecurity", configuration: podSecurityConfiguration() }],
      auditPolicy: { apiVersion: "audit.k8s.io/v1", kind: "Policy", rules: [{ level: "Metadata" }] },
    },
    controllerManager: { image: `registry.k8s.io/kube-controller-manager:${tag}` },
    proxy: { image: `registry.k8s.io/kube-proxy:${tag}` },
    scheduler: { image: `registry.k8s.io/kube-scheduler:${tag}` },
    discovery,
    etcd: { ca: { crt: pemToB64(bundle.certs.etcd.crt), key: pemToB64(bundle.certs.etcd.key) } },
  };
};

// An untyped map in Talos, so its keys come out sorted alphabetically.
const podSecurityConfiguration = () => ({
  apiVersion: "pod-security.admission.config.k8s.io/v1alpha1",
  defaults: {
    audit: "restricted",
    "audit-version": "latest",
    enforce: "baseline",
    "enforce-version": "latest",
    warn: "restricted",
    "warn-version": "latest",
  },
  exemptions: { namespaces: ["kube-system"], runtimeClasses: [], usernames: [] },
  kind: "PodSecurityConfiguration",
});

// Settings that talosctl has no flag for travel as ktizo's own patches on both generators, so
// builtin and talosctl output stay identical: `common` goes first among the cluster-wide patches,
// `controlPlane` first among the control-plane ones (scheduling only concerns control planes).
export type SettingsPatches = { common: Record<string, unknown> | null; controlPlane: Record<string, unknown> | null };

export const settingsPatches = (input: ClusterConfigInput): SettingsPatches => {
  const network: Record<string, unknown> = {};
  if (input.cniName !== "flannel") {
    network.cni = { name: input.cniName, ...(input.cniName === "custom" ? { urls: [...input.cniUrls] } : {}) };
  }
  if (!sameList(input.podSubnets, talosDefaults.podSubnets)) network.podSubnets = [...input.podSubnets];
  if (!sameList(input.serviceSubnets, talosDefaults.serviceSubnets)) network.serviceSubnets = [...input.serviceSubnets];

  return {
    common: Object.keys(network).length > 0 ? { cluster: { network } } : null,
    controlPlane: input.allowSchedulingOnControlPlanes ? { cluster: { allowSchedulingOnControlPlanes: true } } : null,
  };
};

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((item, i) => item === b[i]);
