import { z } from "zod";

// Names are labels shown in the token list and the event log; control characters are refused.
export const createApiTokenSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "name is required")
    .max(64, "name must be at most 64 characters")
    .regex(/^[^\p{Cc}]+$/u, "name must not contain control characters"),
});
export type CreateApiTokenInput = z.infer<typeof createApiTokenSchema>;

export const apiTokenIdSchema = z.object({ id: z.string().trim().min(1).max(64) });
export type ApiTokenIdInput = z.infer<typeof apiTokenIdSchema>;

export const listApiTokensQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type ListApiTokensQuery = z.infer<typeof listApiTokensQuerySchema>;

// The environment token (KTIZO_API_TOKEN): any printable value of at least 32 characters.
export const envApiTokenSchema = z
  .string()
  .min(32, "KTIZO_API_TOKEN must be at least 32 characters")
  .max(512, "KTIZO_API_TOKEN must be at most 512 characters")
  .regex(/^\S+$/, "KTIZO_API_TOKEN must not contain whitespace");

// A token as the API answers it (never the hash, never the value); type and OpenAPI shape come from here.
export const apiTokenJsonSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  origin: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string().describe("ISO 8601 time"),
  lastUsedAt: z.string().describe("ISO 8601 time").nullable(),
  revokedAt: z.string().describe("ISO 8601 time").nullable(),
});
export type ApiTokenJson = z.infer<typeof apiTokenJsonSchema>;
