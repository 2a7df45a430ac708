import { z } from "zod";
import { findApiTokenByHash, listActiveEnvTokens, markApiTokenRevoked, reactivateEnvToken } from "@/lib/data/api-tokens";
import { inTransaction } from "@/lib/data/db";
import { countUsers } from "@/lib/data/users";
import { systemActor } from "@/lib/auth/principal";
import { hashToken } from "@/lib/auth/tokens";
import { recordEvent } from "@/lib/events/record-event";
import { envApiTokenSchema } from "@/lib/schemas/token";
import { createFirstAdmin } from "./create-first-admin";
import { insertToken } from "./create-api-token";

// Headless installs: the admin account and one API token come from the environment on start.
// Idempotent — run on every start by scripts/web-server.ts.
export const envTokenName = "KTIZO_API_TOKEN";

const bootstrapEnvSchema = z.object({
  KTIZO_ADMIN_USER: z.string().optional(),
  KTIZO_ADMIN_PASSWORD: z.string().optional(),
  KTIZO_API_TOKEN: envApiTokenSchema.optional(),
});

export type BootstrapResult = {
  admin: "created" | "exists" | "not-configured";
  token: "created" | "exists" | "reactivated" | "not-configured";
  revokedEnvTokens: number;
};

export const bootstrapFromEnv = async (source: NodeJS.ProcessEnv = process.env): Promise<BootstrapResult> => {
  const vars = bootstrapEnvSchema.parse(blankToUndefined(source));
  const admin = await ensureAdmin(vars.KTIZO_ADMIN_USER, vars.KTIZO_ADMIN_PASSWORD);
  const { token, revokedEnvTokens } = await ensureEnvToken(vars.KTIZO_API_TOKEN);
  if (admin === "created") console.log(`[bootstrap] admin "${vars.KTIZO_ADMIN_USER}" created from KTIZO_ADMIN_USER`);
  if (token === "created" || token === "reactivated") console.log(`[bootstrap] API token ${envTokenName} ${token}`);

  return { admin, token, revokedEnvTokens };
};

const ensureAdmin = async (username?: string, password?: string): Promise<BootstrapResult["admin"]> => {
  if (!username && !password) return "not-configured";
  if (!username || !password) throw new Error("set both KTIZO_ADMIN_USER and KTIZO_ADMIN_PASSWORD, or neither");
  // An existing admin is never touched: the variables only seed an empty install.
  if ((await countUsers()) > 0) return "exists";
  await createFirstAdmin({ username, password, source: "env" });

  return "created";
};

// Env tokens follow the variable: a changed or removed value revokes the previous env token, and a
// token revoked in the UI comes back on the next start while the variable still holds it.
const ensureEnvToken = async (value?: string): Promise<Pick<BootstrapResult, "token" | "revokedEnvTokens">> =>
  inTransaction(async (tx) => {
    const tokenHash = value ? hashToken(value) : null;
    const stale = await listActiveEnvTokens({ keepHash: tokenHash, db: tx });
    for (const row of stale) {
      await markApiTokenRevoked({ id: row.id, at: new Date(), db: tx });
      await recordEvent(
        { type: "token.revoked", actor: systemActor, details: { tokenId: row.id, name: row.name, origin: "env", reason: "KTIZO_API_TOKEN changed or unset" } },
        tx,
      );
    }
    if (!value || !tokenHash) return { token: "not-configured", revokedEnvTokens: stale.length };
    const existing = await findApiTokenByHash({ tokenHash, db: tx });
    if (existing && !existing.revokedAt) return { token: "exists", revokedEnvTokens: stale.length };
    if (existing) {
      await reactivateEnvToken({ id: existing.id, name: envTokenName, db: tx });
      await recordEvent(
        { type: "token.created", actor: systemActor, details: { tokenId: existing.id, name: envTokenName, origin: "env", reactivated: true } },
        tx,
      );

      return { token: "reactivated", revokedEnvTokens: stale.length };
    }
    // Only a short prefix of an admin-chosen value is shown, as for generated tokens.
    const prefix = value.slice(0, 4);
    await insertToken(tx, { name: envTokenName, token: value, prefix, origin: "env", createdById: null, actor: systemActor, sourceIp: null });

    return { token: "created", revokedEnvTokens: stale.length };
  });

const blankToUndefined = (source: NodeJS.ProcessEnv): Record<string, string | undefined> => ({
  KTIZO_ADMIN_USER: source.KTIZO_ADMIN_USER || undefined,
  KTIZO_ADMIN_PASSWORD: source.KTIZO_ADMIN_PASSWORD || undefined,
  KTIZO_API_TOKEN: source.KTIZO_API_TOKEN || undefined,
});
