import type { Webhook, WebhookDelivery } from "@/lib/generated/prisma/client";
import type { DeliveryJson, WebhookJson } from "@/lib/schemas/webhook";

export const parseStringList = (text: string): string[] => {
  try {
    const value: unknown = JSON.parse(text);

    return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
  } catch {
    return [];
  }
};

// The secret never leaves in a webhook's JSON (only once, on create or rotation).
export const webhookJson = (webhook: Webhook): WebhookJson => ({
  id: webhook.id,
  name: webhook.name,
  url: webhook.url,
  events: parseStringList(webhook.events),
  enabled: webhook.enabled,
  createdAt: webhook.createdAt.toISOString(),
  updatedAt: webhook.updatedAt.toISOString(),
});

const parsePayload = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

export const deliveryJson = (delivery: WebhookDelivery): DeliveryJson => ({
  id: delivery.id,
  webhookId: delivery.webhookId,
  event: delivery.event,
  status: delivery.status as DeliveryJson["status"],
  attempts: delivery.attempts,
  nextAttemptAt: delivery.nextAttemptAt.toISOString(),
  lastStatusCode: delivery.lastStatusCode,
  lastError: delivery.lastError,
  deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
  createdAt: delivery.createdAt.toISOString(),
  payload: parsePayload(delivery.payload),
});
