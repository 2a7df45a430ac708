import { inTransaction } from "@/lib/data/db";
import { countUsers, insertUser } from "@/lib/data/users";
import { markAdminCreated } from "@/lib/auth/has-admin";
import { hashPassword } from "@/lib/auth/password";
import { systemActor, type Actor } from "@/lib/auth/principal";
import { AppError } from "@/lib/domain/errors";
import { recordEvent } from "@/lib/events/record-event";
import { createFirstAdminSchema } from "@/lib/schemas/auth";

export type CreateFirstAdminOptions = {
  username: string;
  password: string;
  passwordConfirm?: string;
  sourceIp?: string | null;
  // "env" when KTIZO_ADMIN_USER/KTIZO_ADMIN_PASSWORD created it on start.
  source?: "setup" | "env";
};

export type CreatedAdmin = { id: string; username: string; createdAt: Date };

// Serializes setups inside this process: the "no user yet" check and the insert must not interleave
// (two browsers submitting the setup form at once would otherwise both pass the check).
let queue: Promise<unknown> = Promise.resolve();

export const createFirstAdmin = (options: CreateFirstAdminOptions): Promise<CreatedAdmin> => {
  const run = queue.then(() => createOnce(options));
  queue = run.catch(() => undefined);

  return run;
};

const createOnce = async ({ sourceIp = null, source = "setup", ...input }: CreateFirstAdminOptions): Promise<CreatedAdmin> => {
  const { username, password } = createFirstAdminSchema.parse(input);
  // Hash before the transaction: scrypt takes ~100 ms and must not hold the SQLite write lock.
  const passwordHash = await hashPassword(password);
  const user = await inTransaction(async (tx) => {
    if ((await countUsers(tx)) > 0) throw new AppError("conflict", "an admin account already exists");
    const created = await insertUser({ username, passwordHash, db: tx });
    const actor: Actor = source === "env" ? systemActor : { type: "user", id: created.id, name: created.username };
    await recordEvent({ type: "auth.setup", actor, sourceIp, details: { username, source } }, tx);

    return created;
  });
  markAdminCreated();

  return { id: user.id, username: user.username, createdAt: user.createdAt };
};
