import { z } from "zod";
import { webhookEventTypes } from "@/lib/domain/webhooks/payload";
import { formBoolean, labelSchema } from "@/lib/schemas/common-fields";

export const webhookUrlSchema = z
  .string()
  .trim()
  .max(2048, "URL is longer than 2048 characters")
  .refine((value) => {
    try {
      const url = new URL(value);

      return (url.protocol === "http:" || url.protocol === "https:") && !/\s/.test(value);
    } catch {
      return false;
    }
  }, "URL must be an absolute http:// or https:// URL");

const eventsSchema = z
  .array(z.enum(webhookEventTypes))
  .min(1, "subscribe to at least one event")
  .transform((events) => [...new Set(events)]);

// The signing secret: given by the admin or generated; stored encrypted, never answered again.
const secretSchema = z.string().min(16, "secret must be at least 16 characters").max(256).regex(/^[\x21-\x7e]+$/, "secret must be printable ASCII without spaces");

export const createWebhookSchema = z.strictObject({
  name: labelSchema(),
  url: webhookUrlSchema,
  events: eventsSchema,
  enabled: z.boolean().default(true),
  secret: secretSchema.optional(),
});
export type CreateWebhookInput = z.output<typeof createWebhookSchema>;

export const updateWebhookSchema = z.strictObject({
  name: labelSchema().optional(),
  url: webhookUrlSchema.optional(),
  events: eventsSchema.optional(),
  enabled: z.boolean().optional(),
  secret: secretSchema.optional(),
  rotateSecret: z.boolean().optional(),
});
export type UpdateWebhookInput = z.output<typeof updateWebhookSchema>;

const fromForm = (value: unknown): unknown => {
  if (typeof value !== "object" || value === null) return value;
  const form = value as Record<string, unknown>;
  const events = form.events === undefined ? [] : Array.isArray(form.events) ? form.events : [form.events];

  return { ...form, events, enabled: formBoolean(form.enabled), secret: form.secret === "" ? undefined : form.secret };
};
export const webhookFormSchema = z.preprocess(fromForm, createWebhookSchema);

export const deliveryStatuses = ["pending", "delivered", "failed"] as const;

export const listDeliveriesQuerySchema = z.object({
  status: z.preprocess((value) => (value === "" ? undefined : value), z.enum(deliveryStatuses).optional()),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

export const webhookJsonSchema = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  enabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type WebhookJson = z.infer<typeof webhookJsonSchema>;

// Only the create (and a rotation) answer carries the secret, once.
export const webhookWithSecretJsonSchema = webhookJsonSchema.extend({ secret: z.string() });

export const deliveryJsonSchema = z.object({
  id: z.string(),
  webhookId: z.string(),
  event: z.string(),
  status: z.enum(deliveryStatuses),
  attempts: z.number().int(),
  nextAttemptAt: z.string(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
  payload: z.unknown(),
});
export type DeliveryJson = z.infer<typeof deliveryJsonSchema>;
