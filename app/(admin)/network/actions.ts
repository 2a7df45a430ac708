"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction, type ActionState } from "@/lib/actions/form-action";
import { actorOf } from "@/lib/auth/principal";
import { startAssetImportSchema, type AssetImportJson } from "@/lib/schemas/asset";
import type { ApplyNetworkResult, NetworkSettingsInput } from "@/lib/schemas/network";
import { networkSettingsFormSchema } from "@/lib/schemas/network-form";
import { applyNetworkSettings } from "@/lib/services/network";
import { saveNetworkSettings } from "@/lib/services/network";
import { startAssetImport } from "@/lib/services/assets";

const path = "/network";

const save = formAction(
  networkSettingsFormSchema,
  async (input, { principal, sourceIp }) => {
    const saved = await saveNetworkSettings(input, { actor: actorOf(principal), sourceIp });
    revalidatePath(path);

    return { id: saved.id, warnings: saved.warnings };
  },
  { path },
);

const apply = formAction(
  z.object({}),
  async (_input, { principal, sourceIp }) => {
    const result = await applyNetworkSettings({ actor: actorOf(principal), sourceIp });
    revalidatePath(path);

    return result;
  },
  { path },
);

const importAsset = formAction(
  startAssetImportSchema,
  async (input, { principal, sourceIp }) => startAssetImport({ body: input, actor: actorOf(principal), sourceIp }),
  { path },
);

// The form schema starts with z.preprocess (input type unknown); the state is typed by the API
// field names, which are also the form's field names.
type SettingsState = ActionState<Partial<Record<keyof NetworkSettingsInput, unknown>>, { id: string; warnings: string[] }>;

export async function saveNetworkSettingsAction(previous: SettingsState, formData: FormData): Promise<SettingsState> {
  return save(previous as never, formData) as Promise<SettingsState>;
}

export async function applyNetworkSettingsAction(previous: ActionState<object, ApplyNetworkResult>, formData: FormData) {
  return apply(previous, formData);
}

type ImportState = ActionState<Partial<Record<"url" | "talosVersion" | "fileName" | "sha256", unknown>>, AssetImportJson>;

export async function startAssetImportAction(previous: ImportState, formData: FormData): Promise<ImportState> {
  return importAsset(previous as never, formData) as Promise<ImportState>;
}
