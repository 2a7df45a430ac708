import { z } from "zod";

// Small building blocks shared by the rule, group and webhook schemas.

// Labels shown in lists and the event log: one line, no control characters.
export const labelSchema = (max = 100) =>
  z
    .string()
    .trim()
    .min(1, "name is required")
    .max(max, `name must be at most ${max} characters`)
    .regex(/^[^\p{Cc}]+$/u, "name must not contain control characters");

// Optional text fields: "" (an empty form field) and null both mean "not set".
export const optionalField = <S extends z.ZodType>(schema: S) =>
  z.preprocess((value) => (value === "" || value === undefined ? null : value), schema.nullable()).optional();

export const idSchema = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "not an id");
export const idParamsSchema = z.object({ id: idSchema });

export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

export const listJsonSchema = <S extends z.ZodType>(item: S) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

// HTML forms send checkboxes as "on" (or nothing) and numbers as text; these turn a form record
// into the JSON shape the API schemas expect, so forms and the API share one validation.
export const formBoolean = (value: unknown): boolean => value === "on" || value === "true" || value === true;
export const formNumber = (value: unknown): unknown =>
  typeof value === "string" ? (value.trim() === "" ? null : Number(value)) : value;
