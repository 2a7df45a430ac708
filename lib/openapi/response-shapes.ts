import { z } from "zod";
import { bulkResultSchema, deviceConfigPreviewSchema, deviceJsonSchema, deviceListJsonSchema } from "@/lib/schemas/device";
import { listJsonSchema } from "@/lib/schemas/common-fields";
import { assetImportJsonSchema, assetImportListJsonSchema } from "@/lib/schemas/asset";
import { clusterSettingsJsonSchema, generateClusterConfigResultSchema, secretsGeneratedSchema } from "@/lib/schemas/cluster";
import { eventJsonSchema } from "@/lib/schemas/event";
import { applyNetworkResultSchema, networkSettingsJsonSchema } from "@/lib/schemas/network";
import { healthJsonSchema } from "@/lib/schemas/health";
import { apiTokenJsonSchema } from "@/lib/schemas/token";
import { loggedOutSchema, setupDoneSchema } from "@/lib/schemas/auth";
import { errorEnvelopeSchema } from "@/lib/schemas/error";

// Response shapes for the OpenAPI document. Every answer is declared in lib/schemas and used here as
// is (the error envelope, setup's and logout's answers included): the services' and routes' types
// are z.infer of the same schemas, so type and document cannot drift.
export const errorShape = errorEnvelopeSchema;

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
export const setupDoneShape = setupDoneSchema;
export const loggedOutShape = loggedOutSchema;
