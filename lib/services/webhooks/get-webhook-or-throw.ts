import { AppError } from "@/lib/domain/errors";
import { prisma } from "@/lib/db/client";
import type { Webhook } from "@/lib/generated/prisma/client";

export const getWebhookOrThrow = async (id: string): Promise<Webhook> => {
  const webhook = await prisma.webhook.findUnique({ where: { id } });
  if (!webhook) throw new AppError("not_found", `webhook ${id} not found`);

  return webhook;
};
