import { prisma } from "@/lib/db/client";
import type { Db } from "./db";

export type UserRecord = { id: string; username: string; passwordHash: string; createdAt: Date };

export const countUsers = (db: Db = prisma): Promise<number> => db.user.count();

export const findUserByName = (username: string): Promise<UserRecord | null> =>
  prisma.user.findUnique({ where: { username }, select: { id: true, username: true, passwordHash: true, createdAt: true } });

export const insertUser = ({ username, passwordHash, db = prisma }: { username: string; passwordHash: string; db?: Db }): Promise<UserRecord> =>
  db.user.create({ data: { username, passwordHash }, select: { id: true, username: true, passwordHash: true, createdAt: true } });
