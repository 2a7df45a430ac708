import { z } from "zod";
import { bulkResultSchema, deviceConfigPreviewSchema, deviceJsonSchema, deviceListJsonSchema } from "@/lib/schemas/device";
import { listJsonSchema } from "@/lib/schemas/common-fields";
import { assetImportJsonSchema } from "@/lib/schemas/asset";
import { clusterSettingsJsonSchema } from "@/lib/schemas/cluster";
import { eventJsonSchema } from "@/lib/schemas/event";
import { applyNetworkResultSchema, networkSettingsJsonSchema } from "@/lib/schemas/network";
import { apiTokenJsonSchema } from "@/lib/schemas/token";

// Response shapes for the OpenAPI document. Where lib/schemas declares the answer (devices, events,
// tokens, cluster settings, asset imports) it is used as is: the services' types are z.infer of the
// same schema, so type and document cannot drift. The small ones below are declared only here.
const timestamp = z.string().describe("ISO 8601 time");

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
export const generatedAtShape = z.object({ generatedAt: timestamp });
export const configGeneratedShape = z.object({
  generator: z.enum(["builtin", "talosctl"]),
  generatedAt: timestamp,
  validation: z.object({ ok: z.boolean(), errors: z.array(z.string()) }),
});

export const networkSettingsShape = networkSettingsJsonSchema;
export const networkAppliedShape = applyNetworkResultSchema;

export const assetImportShape = assetImportJsonSchema;
export const assetImportListShape = z.object({
  items: z.array(assetImportShape),
  local: z.array(z.object({ talosVersion: z.string(), fileName: z.string(), size: z.number().int(), modifiedAt: timestamp })),
});

export const healthShape = z.object({ status: z.enum(["ok", "error"]), database: z.enum(["ok", "error"]) });
export const setupDoneShape = z.object({ user: z.object({ id: z.string(), username: z.string() }).passthrough() });
export const loggedOutShape = z.object({ loggedOut: z.boolean() });
