import { prisma } from "@/lib/db/client";
import type { Webhook } from "@/lib/generated/prisma/client";

export const listWebhooks = (): Promise<Webhook[]> => prisma.webhook.findMany({ orderBy: [{ name: "asc" }, { id: "asc" }] });
