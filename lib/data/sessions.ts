import { dateColumn, nowStatement, writeNow } from "./write-now";
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

// At most once a minute per session (lib/auth/authenticate.ts), on an admin request: through the
// writer connection, which waits for another process's write lock without freezing this process's
// event loop (write-now.ts); an ORM write here slept in SQLite's busy handler and stalled every
// request of the process, the dashboard's own included, while the rack registered.
export const touchSession = async ({ id, at }: { id: string; at: Date }): Promise<void> => {
  await writeNow((tx) => nowStatement(tx, `UPDATE "Session" SET "lastSeenAt" = ? WHERE "id" = ?`).run(dateColumn(at), id));
};
