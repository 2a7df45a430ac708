import { prisma } from "@/lib/db/client";
import type { WebhookDelivery } from "@/lib/generated/prisma/client";
import type { DeliveryJson } from "@/lib/schemas/webhook";
import type { Db } from "./db";
import { cuid } from "@/lib/db/cuid";
import { dateColumn, nowStatement, type NowTx } from "./write-now";

// The payload was written by JSON.stringify; a row that does not parse shows as null rather than
// hiding the rest of the delivery log.
const parsePayload = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

const deliveryOf = (row: WebhookDelivery): DeliveryJson => ({
  id: row.id,
  webhookId: row.webhookId,
  event: row.event,
  status: row.status,
  attempts: row.attempts,
  nextAttemptAt: row.nextAttemptAt.toISOString(),
  lastStatusCode: row.lastStatusCode,
  lastError: row.lastError,
  deliveredAt: row.deliveredAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
  payload: parsePayload(row.payload),
});

type ListOptions = { webhookId: string; status?: WebhookDelivery["status"]; page: number; pageSize: number };

// The delivery log of one webhook, newest first.
export const listDeliveries = async ({ webhookId, status, page, pageSize }: ListOptions): Promise<{ items: DeliveryJson[]; total: number }> => {
  const where = { webhookId, ...(status ? { status } : {}) };
  const [rows, total] = await Promise.all([
    prisma.webhookDelivery.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (page - 1) * pageSize, take: pageSize }),
    prisma.webhookDelivery.count({ where }),
  ]);

  return { items: rows.map(deliveryOf), total };
};

export const findDelivery = async (id: string): Promise<DeliveryJson | null> => {
  const row = await prisma.webhookDelivery.findUnique({ where: { id } });

  return row ? deliveryOf(row) : null;
};

type InsertOptions = { webhookIds: string[]; event: string; payload: string; at: Date; db?: Db };

// Outbox rows for one event, one per webhook, due at `at`.
export const insertDeliveries = async ({ webhookIds, event, payload, at, db = prisma }: InsertOptions): Promise<void> => {
  await db.webhookDelivery.createMany({ data: webhookIds.map((webhookId) => ({ webhookId, event, payload, nextAttemptAt: at })) });
};

// The same rows inside a synchronous write transaction (write-now.ts), with the columns' defaults spelled out.
export const insertDeliveriesNow = ({ webhookIds, event, payload, at, tx }: Omit<InsertOptions, "db"> & { tx: NowTx }): void => {
  const insert = nowStatement(tx, `INSERT INTO "WebhookDelivery" (id, webhookId, event, payload, status, attempts, nextAttemptAt, createdAt) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)`);
  const now = dateColumn(new Date());
  for (const webhookId of webhookIds) insert.run(cuid(), webhookId, event, payload, dateColumn(at), now);
};

export const insertDelivery = async ({ webhookId, event, payload, at }: Omit<InsertOptions, "webhookIds" | "db"> & { webhookId: string }): Promise<string> =>
  (await prisma.webhookDelivery.create({ data: { webhookId, event, payload, nextAttemptAt: at }, select: { id: true } })).id;

type ClaimOptions = { now: Date; leaseMs: number; limit: number; ids?: string[] };

// Takes due pending deliveries by pushing their nextAttemptAt past a lease, with a compare-and-set
// on the value read: two dispatchers (two processes, or an old and a new one) never both claim the
// same row. If a process dies mid-send, the row simply becomes due again when the lease ends,
// which is what makes the outbox survive restarts without losing a delivery.
export type ClaimedDelivery = { id: string; webhookId: string; createdAt: Date; leaseUntil: Date };

export const claimDueDeliveries = async ({ now, leaseMs, limit, ids }: ClaimOptions): Promise<ClaimedDelivery[]> => {
  const due = await prisma.webhookDelivery.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now }, ...(ids ? { id: { in: ids } } : {}) },
    orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
    take: limit,
    select: { id: true, webhookId: true, createdAt: true, nextAttemptAt: true },
  });
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const claimed: ClaimedDelivery[] = [];
  for (const row of due) {
    const { count } = await prisma.webhookDelivery.updateMany({
      where: { id: row.id, status: "pending", nextAttemptAt: row.nextAttemptAt },
      data: { nextAttemptAt: leaseUntil },
    });
    if (count === 1) claimed.push({ id: row.id, webhookId: row.webhookId, createdAt: row.createdAt, leaseUntil });
  }

  return claimed;
};

// Gives claimed rows back unattempted, due at `at` (compare-and-set on the claim's lease, so a row
// another dispatcher took over after the lease ended is left alone).
export const releaseDeliveries = async ({ ids, leaseUntil, at }: { ids: string[]; leaseUntil: Date; at: Date }): Promise<void> => {
  await prisma.webhookDelivery.updateMany({ where: { id: { in: ids }, status: "pending", nextAttemptAt: leaseUntil }, data: { nextAttemptAt: at } });
};

export type DeliveryToSend = {
  attempts: number;
  event: string;
  payload: string;
  webhook: { enabled: boolean; url: string; secretEnc: string };
};

export const findDeliveryToSend = async (id: string): Promise<DeliveryToSend | null> =>
  prisma.webhookDelivery.findUnique({
    where: { id },
    select: { attempts: true, event: true, payload: true, webhook: { select: { enabled: true, url: true, secretEnc: true } } },
  });

type AttemptOutcome = { id: string; attempts: number; statusCode: number | null };

export const markDelivered = async ({ id, attempts, statusCode, at }: AttemptOutcome & { at: Date }): Promise<void> => {
  await prisma.webhookDelivery.update({ where: { id }, data: { status: "delivered", attempts, lastStatusCode: statusCode, lastError: null, deliveredAt: at } });
};

// A failed attempt: due again at `retryAt`, or failed for good when that is null.
export const markAttemptFailed = async ({ id, attempts, statusCode, error, retryAt }: AttemptOutcome & { error: string; retryAt: Date | null }): Promise<void> => {
  await prisma.webhookDelivery.update({
    where: { id },
    data: { attempts, lastStatusCode: statusCode, lastError: error, ...(retryAt ? { nextAttemptAt: retryAt } : { status: "failed" }) },
  });
};

// Given up without an attempt (the webhook is disabled, its secret no longer decrypts): the cause is kept.
export const markDeliveryFailed = async ({ id, error }: { id: string; error: string }): Promise<void> => {
  await prisma.webhookDelivery.update({ where: { id }, data: { status: "failed", lastError: error } });
};

// Outbox rows per status (pending, delivered, failed).
export const countDeliveriesByStatus = async (): Promise<Record<string, number>> =>
  Object.fromEntries((await prisma.webhookDelivery.groupBy({ by: ["status"], _count: { _all: true } })).map((row) => [row.status, row._count._all]));

// Retention: delivered webhook deliveries older than `before`. Pending and failed ones stay: they
// are still work or still evidence of a receiver that is down.
export const deleteDeliveredDeliveriesBefore = async (before: Date): Promise<number> => {
  const { count } = await prisma.webhookDelivery.deleteMany({ where: { status: "delivered", deliveredAt: { lt: before } } });

  return count;
};
