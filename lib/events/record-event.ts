import { prisma, type Tx } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/principal";
import type { EventType } from "@/lib/domain/event-types";

export type RecordEventInput = {
  type: EventType;
  actor: Actor;
  sourceIp?: string | null;
  deviceId?: string | null;
  details?: Record<string, unknown>;
};

// The one way to write the audit log. Pass `tx` to record inside a caller's transaction, so the
// event commits (or rolls back) with the change it describes.
export const recordEvent = async (input: RecordEventInput, tx?: Tx): Promise<void> => {
  await (tx ?? prisma).event.create({
    data: {
      type: input.type,
      actorType: input.actor.type,
      actorId: input.actor.id ?? null,
      actorName: input.actor.name ?? null,
      sourceIp: input.sourceIp ?? null,
      deviceId: input.deviceId ?? null,
      details: JSON.stringify(input.details ?? {}),
    },
  });
};
