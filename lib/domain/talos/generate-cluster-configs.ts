import { AppError } from "@/lib/domain/errors";
import { buildMachineConfig, settingsPatches, type Role } from "@/lib/domain/talos/build-machine-configs";
import { buildTalosconfig } from "@/lib/domain/talos/build-talosconfig";
import { createAdminCertificate } from "@/lib/domain/talos/certificates";
import type { ClusterConfigInput, ClusterPatches } from "@/lib/domain/talos/cluster-input";
import {
  applyPatchDocuments,
  parseConfigPatch,
  stringifyConfigDocuments,
  type ConfigDocument,
} from "@/lib/domain/talos/config-documents";
import { secureRandomBytes, type RandomBytes } from "@/lib/domain/talos/random";
import type { SecretsBundle } from "@/lib/domain/talos/secrets-bundle";
import { validateMachineConfig } from "@/lib/domain/talos/validate-machine-config";

export type GeneratedConfigs = { controlplane: string; worker: string; talosconfig: string };

type GenerateOptions = {
  input: ClusterConfigInput;
  patches: ClusterPatches;
  bundle: SecretsBundle;
  now?: Date;
  random?: RandomBytes;
};

// The built-in `talosctl gen config`: base documents from one bundle, then ktizo's settings patches,
// the cluster-wide patch and the role patch; talosconfig is never patched.
export const generateClusterConfigs = async ({
  input,
  patches,
  bundle,
  now = new Date(),
  random = secureRandomBytes,
}: GenerateOptions): Promise<GeneratedConfigs> => {
  const common = parsePatchOrThrow(patches.configPatch, "configPatch");
  const cpOnly = parsePatchOrThrow(patches.controlPlanePatch, "controlPlanePatch");
  const workerOnly = parsePatchOrThrow(patches.workerPatch, "workerPatch");
  const own = settingsPatches(input);
  const list = (doc: ConfigDocument | null) => (doc ? [doc] : []);
  // Same order as talosctl: every --config-patch, then the role-specific ones.
  const render = (role: Role, rolePatches: ConfigDocument[]) => {
    const base = [buildMachineConfig({ input, bundle, role })];
    const roleOwn = role === "controlplane" ? list(own.controlPlane) : [];

    return stringifyConfigDocuments(applyPatchDocuments(base, [...list(own.common), ...common, ...roleOwn, ...rolePatches]));
  };
  const admin = await createAdminCertificate({ ca: bundle.certs.os, now, random });

  return {
    controlplane: render("controlplane", cpOnly),
    worker: render("worker", workerOnly),
    talosconfig: buildTalosconfig({ contextName: input.clusterName, osCaCrt: bundle.certs.os.crt, admin }),
  };
};

export const parsePatchOrThrow = (text: string, field: string): ConfigDocument[] => {
  const result = parseConfigPatch(text, field);
  if (!result.ok) {
    throw new AppError("validation_failed", result.errors[0] ?? `${field} is invalid`, result.errors.map((message) => ({ path: field, message })));
  }

  return result.documents;
};

// Both generators' output passes the same gate before it is stored.
export const validateGeneratedConfigs = (configs: Pick<GeneratedConfigs, "controlplane" | "worker">) => {
  const errors = [
    ...validateMachineConfig(configs.controlplane).errors.map((error) => `controlplane.yaml: ${error}`),
    ...validateMachineConfig(configs.worker).errors.map((error) => `worker.yaml: ${error}`),
  ];

  return { ok: errors.length === 0, errors };
};
