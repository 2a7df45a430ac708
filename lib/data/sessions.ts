import { prisma } from "@/lib/db/client";
import type { Db } from "./db";

export type NewSession = { tokenHash: string; userId: string; expiresAt: Date; lastSeenAt: Date; sourceIp: string | null; userAgent: string | null };

export const insertSession = async ({ session, db = prisma }: { session: NewSession; db?: Db }): Promise<void> => {
  await db.session.create({ data: session });
};

export const deleteSession = async ({ id, db = prisma }: { id: string; db?: Db }): Promise<void> => {
  await db.session.deleteMany({ where: { id } });
};

export const deleteExpiredSessions = async ({ now, db = prisma }: { now: Date; db?: Db }): Promise<void> => {
  await db.session.deleteMany({ where: { expiresAt: { lte: now } } });
};

export type SessionRecord = { id: string; userId: string; username: string; createdAt: Date; expiresAt: Date; lastSeenAt: Date };

export const findSessionByHash = async (tokenHash: string): Promise<SessionRecord | null> => {
  const row = await prisma.session.findUnique({ where: { tokenHash }, include: { user: { select: { username: true } } } });

  return row ? { id: row.id, userId: row.userId, username: row.user.username, createdAt: row.createdAt, expiresAt: row.expiresAt, lastSeenAt: row.lastSeenAt } : null;
};

export const touchSession = async ({ id, at }: { id: string; at: Date }): Promise<void> => {
  await prisma.session.update({ where: { id }, data: { lastSeenAt: at } });
};
