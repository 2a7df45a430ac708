import { prisma, type Tx } from "@/lib/db/client";
import type { DeviceAuthorization, Prisma } from "@/lib/generated/prisma/client";

// Queries of the console-code flow (RFC 8628 device authorizations). Codes and access tokens are
// only ever passed in and stored as SHA-256 hashes.
export type { DeviceAuthorization };

export type NewDeviceAuthorization = {
  deviceId: string;
  deviceCodeHash: string;
  userCodeHash: string;
  clientId: string;
  sourceIp: string | null;
  reportedUuid: string | null;
  reportedSerial: string | null;
  reportedMac: string | null;
  expiresAt: Date;
  interval: number;
};

export const createDeviceAuthorization = (data: NewDeviceAuthorization, tx?: Tx): Promise<DeviceAuthorization> =>
  (tx ?? prisma).deviceAuthorization.create({ data });

export const findAuthorizationByDeviceCode = (deviceCodeHash: string): Promise<DeviceAuthorization | null> =>
  prisma.deviceAuthorization.findUnique({ where: { deviceCodeHash } });

export const findAuthorizationById = (id: string): Promise<DeviceAuthorization | null> => prisma.deviceAuthorization.findUnique({ where: { id } });

export const findAuthorizationByUserCode = (userCodeHash: string): Promise<DeviceAuthorization | null> =>
  prisma.deviceAuthorization.findUnique({ where: { userCodeHash } });

export const findAuthorizationByAccessToken = (accessTokenHash: string): Promise<DeviceAuthorization | null> =>
  prisma.deviceAuthorization.findUnique({ where: { accessTokenHash } });

// Live = pending and not yet lapsed: what the issuance caps count.
export const countLivePending = ({ sourceIp, now }: { sourceIp?: string | null; now: Date }): Promise<number> =>
  prisma.deviceAuthorization.count({
    where: { status: "pending", expiresAt: { gt: now }, ...(sourceIp === undefined ? {} : { sourceIp }) },
  });

export const countIssuedSince = ({ sourceIp, since }: { sourceIp: string | null; since: Date }): Promise<number> =>
  prisma.deviceAuthorization.count({ where: { sourceIp, createdAt: { gte: since } } });

export const listLivePendingForDevice = ({ deviceId, now }: { deviceId: string; now: Date }): Promise<DeviceAuthorization[]> =>
  prisma.deviceAuthorization.findMany({ where: { deviceId, status: "pending", expiresAt: { gt: now } }, orderBy: { createdAt: "desc" } });

export const listRecentForDevice = ({ deviceId, take }: { deviceId: string; take: number }): Promise<DeviceAuthorization[]> =>
  prisma.deviceAuthorization.findMany({ where: { deviceId }, orderBy: { createdAt: "desc" }, take });

type Transition = { id: string; from: DeviceAuthorization["status"][]; data: Partial<DeviceAuthorization>; where?: Prisma.DeviceAuthorizationWhereInput };

// Every status change is conditional on the status it starts from, so two racing requests (two
// polls, an approval and an expiry) can never both win: the loser sees count 0.
export const transitionAuthorization = async ({ id, from, data, where }: Transition, tx?: Tx): Promise<boolean> => {
  const { count } = await (tx ?? prisma).deviceAuthorization.updateMany({ where: { id, status: { in: from }, ...where }, data });

  return count === 1;
};

type PollRecord = { id: string; previousPollAt: Date | null; data: Partial<DeviceAuthorization> };

// Records one poll only if no other poll was recorded since this one read the row.
export const recordPoll = async ({ id, previousPollAt, data }: PollRecord): Promise<boolean> => {
  const { count } = await prisma.deviceAuthorization.updateMany({ where: { id, lastPollAt: previousPollAt }, data });

  return count === 1;
};

// Other pending codes of the same device lose once one is approved: whoever asked them (a second
// machine using this MAC) gets access_denied.
export const denyOtherPending = ({ deviceId, keepId, decidedBy }: { deviceId: string; keepId: string; decidedBy: string }, tx?: Tx) =>
  (tx ?? prisma).deviceAuthorization.updateMany({
    where: { deviceId, status: "pending", id: { not: keepId } },
    data: { status: "denied", decidedAt: new Date(), decidedBy },
  });

// Retention: the worker's cleanup job deletes rows whose code (and token) lapsed before `before`.
// Rows still holding an unexpired access token are kept until the token lapses too.
export const deleteExpiredDeviceAuthorizations = async (before: Date): Promise<number> => {
  const { count } = await prisma.deviceAuthorization.deleteMany({
    where: { expiresAt: { lt: before }, OR: [{ tokenExpiresAt: null }, { tokenExpiresAt: { lt: before } }] },
  });

  return count;
};
