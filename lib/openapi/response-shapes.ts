import { z } from "zod";
import { bulkResultSchema, deviceConfigPreviewSchema, deviceJsonSchema, deviceListJsonSchema } from "@/lib/schemas/device";
import { listJsonSchema } from "@/lib/schemas/common-fields";
import { assetImportJsonSchema, assetImportListJsonSchema } from "@/lib/schemas/asset";
import { clusterSettingsJsonSchema, generateClusterConfigResultSchema, secretsGeneratedSchema } from "@/lib/schemas/cluster";
import { eventJsonSchema } from "@/lib/schemas/event";
import { applyNetworkResultSchema, networkSettingsJsonSchema } from "@/lib/schemas/network";
import { healthJsonSchema } from "@/lib/schemas/health";
import { apiTokenJsonSchema } from "@/lib/schemas/token";

// Response shapes for the OpenAPI document. Where lib/schemas declares the answer (devices, events,
// tokens, cluster and network settings, config generation, asset imports, health) it is used as is: the
// services' types are z.infer of the same schema, so type and document cannot drift. Still declared
// only here: the error envelope (lib/http), setup's and logout's small answers.
export const errorShape = z.object({
  error: z.object({ code: z.string(), message: z.string(), issues: z.array(z.object({ path: z.string(), message: z.string() })).optional() }),
});

export const deviceShape = deviceJsonSchema;
export const deviceListShape = deviceListJsonSchema;
export const registeredShape = deviceJsonSchema.pick({ id: true, mac: true, status: true });
export const configPreviewShape = deviceConfigPreviewSchema;
export const bulkResultShape = bulkResultSchema;

export const eventShape = eventJsonSchema;
export const eventListShape = listJsonSchema(eventShape);

export const tokenShape = apiTokenJsonSchema;
export const tokenListShape = listJsonSchema(tokenShape);
export const tokenCreatedShape = tokenShape.extend({ token: z.string().describe("shown once") });

export const clusterSettingsShape = clusterSettingsJsonSchema;
export const generatedAtShape = secretsGeneratedSchema;
export const configGeneratedShape = generateClusterConfigResultSchema;

export const networkSettingsShape = networkSettingsJsonSchema;
export const networkAppliedShape = applyNetworkResultSchema;

export const assetImportShape = assetImportJsonSchema;
export const assetImportListShape = assetImportListJsonSchema;

export const healthShape = healthJsonSchema;
export const setupDoneShape = z.object({ user: z.object({ id: z.string(), username: z.string() }).passthrough() });
export const loggedOutShape = z.object({ loggedOut: z.boolean() });
