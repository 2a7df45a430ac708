import { listWebhooks as listWebhookRows } from "@/lib/data/webhooks";
import type { WebhookJson } from "@/lib/schemas/webhook";

export const listWebhooks = (): Promise<WebhookJson[]> => listWebhookRows();
