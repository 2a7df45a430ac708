import type { ClusterConfigInput } from "@/lib/domain/talos/cluster-input";

// Files ktizo writes into the private temp dir before running talosctl.
export type TalosctlFiles = {
  secrets: string;
  output: string;
  settingsPatch?: string;
  configPatch?: string;
  settingsControlPlanePatch?: string;
  controlPlanePatch?: string;
  workerPatch?: string;
};

// `talosctl gen config` for a Talos 1.11 cluster. A newer talosctl needs --talos-version and the
// explicit Kubernetes version and installer image, or 1.11 nodes reject its output (https://www.talos.dev/v1.11/reference/cli/#talosctl-gen-config).
export const talosctlGenConfigArgs = (input: ClusterConfigInput, files: TalosctlFiles): string[] => [
  "gen",
  "config",
  input.clusterName,
  input.endpoint,
  "--with-secrets",
  files.secrets,
  "--talos-version",
  "v1.11",
  "--kubernetes-version",
  input.kubernetesVersion,
  "--install-disk",
  input.installDisk,
  "--install-image",
  input.installImage,
  "--dns-domain",
  input.dnsDomain,
  ...input.additionalSans.flatMap((san) => ["--additional-sans", san]),
  ...(files.settingsPatch ? ["--config-patch", `@${files.settingsPatch}`] : []),
  ...(files.configPatch ? ["--config-patch", `@${files.configPatch}`] : []),
  ...(files.settingsControlPlanePatch ? ["--config-patch-control-plane", `@${files.settingsControlPlanePatch}`] : []),
  ...(files.controlPlanePatch ? ["--config-patch-control-plane", `@${files.controlPlanePatch}`] : []),
  ...(files.workerPatch ? ["--config-patch-worker", `@${files.workerPatch}`] : []),
  "--with-docs=false",
  "--with-examples=false",
  "--output-types",
  "controlplane,worker,talosconfig",
  "--output",
  files.output,
];
