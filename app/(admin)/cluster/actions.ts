"use server";

import { revalidatePath } from "next/cache";
import { actorOf } from "@/lib/auth/principal";
import { formAction, type ActionState } from "@/lib/actions/form-action";
import {
  clusterSettingsFormSchema,
  generateConfigFormSchema,
  generateSecretsFormSchema,
  importSecretsFormSchema,
  type ClusterSettingsInput,
} from "@/lib/schemas/cluster";
import { generateClusterConfig, type GenerateClusterConfigResult } from "@/lib/services/cluster";
import { generateClusterSecrets } from "@/lib/services/cluster";
import { importClusterSecrets } from "@/lib/services/cluster";
import { saveClusterSettings } from "@/lib/services/cluster";
import { bootstrapClusterNow } from "@/lib/services/cluster";
import { bootstrapFormSchema } from "@/lib/schemas/cluster-health";

const path = "/cluster";

const saveSettings = formAction(
  clusterSettingsFormSchema,
  async (input, { principal, sourceIp }) => {
    const saved = await saveClusterSettings({ input, actor: actorOf(principal), sourceIp });
    revalidatePath(path);

    return { id: saved.id };
  },
  // The form labels this field "Cluster name" (errors name fields by their label).
  { path, labels: { name: "Cluster name" } },
);

const newSecrets = formAction(
  generateSecretsFormSchema,
  async ({ force }, { principal, sourceIp }) => {
    const result = await generateClusterSecrets({ force, actor: actorOf(principal), sourceIp });
    revalidatePath(path);

    return result;
  },
  { path },
);

const importSecrets = formAction(
  importSecretsFormSchema,
  async ({ secretsYaml, force }, { principal, sourceIp }) => {
    const result = await importClusterSecrets({ secretsYaml, force, actor: actorOf(principal), sourceIp });
    revalidatePath(path);

    return result;
  },
  { path },
);

const newConfig = formAction(
  generateConfigFormSchema,
  async ({ generator }, { principal, sourceIp }) => {
    const result = await generateClusterConfig({ generator, actor: actorOf(principal), sourceIp });
    revalidatePath(path);

    return result;
  },
  { path },
);

// clusterSettingsFormSchema starts with z.preprocess, whose input type is `unknown`; the state is
// typed by the API field names, which are also the form's field names.
export async function saveClusterSettingsAction(previous: ActionState<Partial<ClusterSettingsInput>, { id: string }>, formData: FormData) {
  return saveSettings(previous as never, formData) as Promise<ActionState<Partial<ClusterSettingsInput>, { id: string }>>;
}

export async function generateSecretsAction(previous: ActionState<{ force: unknown }, { generatedAt: string }>, formData: FormData) {
  return newSecrets(previous, formData);
}

export async function importSecretsAction(previous: ActionState<{ secretsYaml: unknown; force: unknown }, { generatedAt: string }>, formData: FormData) {
  return importSecrets(previous, formData);
}

export async function generateConfigAction(previous: ActionState<{ generator?: string }, GenerateClusterConfigResult>, formData: FormData) {
  return newConfig(previous as never, formData) as Promise<ActionState<{ generator?: string }, GenerateClusterConfigResult>>;
}

const bootstrapNow = formAction(
  bootstrapFormSchema,
  async (_input, { principal, sourceIp }) => {
    const result = await bootstrapClusterNow({ actor: actorOf(principal), sourceIp });
    revalidatePath(path);

    return { deviceId: result.deviceId };
  },
  { path },
);

export async function bootstrapNowAction(previous: ActionState<{ confirm: unknown }, { deviceId: string }>, formData: FormData) {
  return bootstrapNow(previous, formData);
}
