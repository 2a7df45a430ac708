import type { LoggedOut } from "@/lib/schemas/auth";
import { inTransaction } from "@/lib/data/db";
import { deleteSession } from "@/lib/data/sessions";
import type { Principal } from "@/lib/auth/principal";
import { recordEvent } from "@/lib/events/record-event";

export type LogoutOptions = { principal: Principal; sourceIp?: string | null };

// Ends the caller's session. A bearer-token caller has no session; there is nothing to end.
export const logout = async ({ principal, sourceIp = null }: LogoutOptions): Promise<LoggedOut> => {
  if (principal.kind !== "user") return { loggedOut: false };
  await inTransaction(async (tx) => {
    await deleteSession({ id: principal.sessionId, db: tx });
    await recordEvent({ type: "auth.logout", actor: { type: "user", id: principal.userId, name: principal.username }, sourceIp }, tx);
  });

  return { loggedOut: true };
};
