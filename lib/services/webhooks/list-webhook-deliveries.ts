import { prisma } from "@/lib/db/client";
import type { DeliveryJson } from "@/lib/schemas/webhook";
import { deliveryJson } from "./webhook-json";
import { getWebhookOrThrow } from "./get-webhook-or-throw";

type ListDeliveriesOptions = { webhookId: string; status?: string; page: number; pageSize: number };
export type DeliveryPage = { items: DeliveryJson[]; total: number; page: number; pageSize: number };

// The delivery log of one webhook, newest first.
export const listWebhookDeliveries = async ({ webhookId, status, page, pageSize }: ListDeliveriesOptions): Promise<DeliveryPage> => {
  await getWebhookOrThrow(webhookId);
  const where = { webhookId, ...(status ? { status } : {}) };
  const [rows, total] = await Promise.all([
    prisma.webhookDelivery.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (page - 1) * pageSize, take: pageSize }),
    prisma.webhookDelivery.count({ where }),
  ]);

  return { items: rows.map(deliveryJson), total, page, pageSize };
};
