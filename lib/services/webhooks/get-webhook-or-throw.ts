import { findWebhook } from "@/lib/data/webhooks";
import { AppError } from "@/lib/domain/errors";
import type { WebhookJson } from "@/lib/schemas/webhook";

export const getWebhookOrThrow = async (id: string): Promise<WebhookJson> => {
  const webhook = await findWebhook(id);
  if (!webhook) throw new AppError("not_found", `webhook ${id} not found`);

  return webhook;
};
