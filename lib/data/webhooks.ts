import { prisma } from "@/lib/db/client";
import type { Webhook } from "@/lib/generated/prisma/client";
import type { WebhookJson } from "@/lib/schemas/webhook";
import { listColumn } from "./columns";
import type { Db } from "./db";
import { nowStatement, type NowTx } from "./write-now";

// The secret never leaves in a webhook's JSON (only once, on create or rotation, from the service).
const webhookOf = (row: Webhook): WebhookJson => ({
  id: row.id,
  name: row.name,
  url: row.url,
  events: listColumn(row.events, "Webhook.events"),
  enabled: row.enabled,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

export const listWebhooks = async (): Promise<WebhookJson[]> =>
  (await prisma.webhook.findMany({ orderBy: [{ name: "asc" }, { id: "asc" }] })).map(webhookOf);

export const findWebhook = async (id: string): Promise<WebhookJson | null> => {
  const row = await prisma.webhook.findUnique({ where: { id } });

  return row ? webhookOf(row) : null;
};

type WebhookFields = { name: string; url: string; events: string[]; enabled: boolean };

export const insertWebhook = async ({ fields, secretEnc, db = prisma }: { fields: WebhookFields; secretEnc: string; db?: Db }): Promise<WebhookJson> =>
  webhookOf(await db.webhook.create({ data: { ...fields, events: fields.events, secretEnc } }));

type WriteWebhookOptions = { id: string; fields: Partial<WebhookFields>; secretEnc?: string; db?: Db };

export const writeWebhook = async ({ id, fields: { events, ...fields }, secretEnc, db = prisma }: WriteWebhookOptions): Promise<WebhookJson> =>
  webhookOf(
    await db.webhook.update({
      where: { id },
      data: { ...fields, ...(events ? { events } : {}), ...(secretEnc ? { secretEnc } : {}) },
    }),
  );

// Its outbox rows go with it (the relation cascades).
export const removeWebhook = async ({ id, db = prisma }: { id: string; db?: Db }): Promise<void> => {
  await db.webhook.delete({ where: { id } });
};

// Enabled webhooks with the event types they subscribe to (the outbox writer's fan-out list).
export const listWebhookSubscriptions = async (db: Db = prisma): Promise<{ id: string; events: string[] }[]> =>
  (await db.webhook.findMany({ where: { enabled: true }, select: { id: true, events: true } })).map((row) => ({
    id: row.id,
    events: listColumn(row.events, "Webhook.events"),
  }));

// The same list inside a synchronous write transaction (write-now.ts); the Json column is JSON text in SQLite.
export const listWebhookSubscriptionsNow = (tx: NowTx): { id: string; events: string[] }[] =>
  (nowStatement(tx, `SELECT id, events FROM "Webhook" WHERE enabled = 1`).all() as { id: string; events: string }[]).map((row) => ({
    id: row.id,
    events: listColumn(JSON.parse(row.events), "Webhook.events"),
  }));
