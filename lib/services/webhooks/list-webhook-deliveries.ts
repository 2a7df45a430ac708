import { listDeliveries } from "@/lib/data/webhook-deliveries";
import type { DeliveryJson, deliveryStatuses } from "@/lib/schemas/webhook";
import { getWebhookOrThrow } from "./get-webhook-or-throw";

type ListDeliveriesOptions = { webhookId: string; status?: (typeof deliveryStatuses)[number]; page: number; pageSize: number };
export type DeliveryPage = { items: DeliveryJson[]; total: number; page: number; pageSize: number };

// The delivery log of one webhook, newest first.
export const listWebhookDeliveries = async ({ webhookId, status, page, pageSize }: ListDeliveriesOptions): Promise<DeliveryPage> => {
  await getWebhookOrThrow(webhookId);
  const { items, total } = await listDeliveries({ webhookId, status, page, pageSize });

  return { items, total, page, pageSize };
};
