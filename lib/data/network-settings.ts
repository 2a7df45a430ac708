import "server-only";
import { prisma } from "@/lib/db/client";

export type ServerAddress = { serverIp: string; netmask: string };

// The server's address and netmask from the single network settings row (the oldest one).
export const findServerAddress = (): Promise<ServerAddress | null> =>
  prisma.networkSettings.findFirst({ orderBy: { createdAt: "asc" }, select: { serverIp: true, netmask: true } });
