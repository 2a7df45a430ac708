import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { env } from "@/lib/env";
import { writeFileAtomic } from "@/lib/compile/write-file-atomic";
import { paths } from "@/lib/paths";

let cached: Promise<Buffer> | undefined;

// KTIZO_SECRET_KEY wins; otherwise data/secret.key, created with mode 0600 on first use.
export const getSecretKey = (): Promise<Buffer> => {
  cached ??= loadSecretKey();

  return cached;
};

const loadSecretKey = async (): Promise<Buffer> => {
  const fromEnv = env().KTIZO_SECRET_KEY;
  if (fromEnv) return decodeKey(fromEnv);
  const file = paths().secretKeyFile;
  try {
    return decodeKey((await readFile(file, "utf8")).trim());
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const key = randomBytes(32);
  await writeFileAtomic(file, `${key.toString("hex")}\n`, { mode: 0o600 });

  return key;
};

// For the start-up check (scripts/check-env.ts): the key file, when there is one, must decode.
export const secretKeyFileProblem = async (): Promise<string | null> => {
  if (env().KTIZO_SECRET_KEY) return null;
  const file = paths().secretKeyFile;
  const text = await readFile(file, "utf8").catch(() => null);
  if (text === null) return null;
  try {
    decodeKey(text.trim());

    return null;
  } catch (error) {
    return `${file}: ${(error as Error).message} (or set KTIZO_SECRET_KEY)`;
  }
};

const decodeKey = (value: string): Buffer => {
  const key = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, "hex") : Buffer.from(value, "base64");
  if (key.length !== 32) throw new Error("secret key must be 32 bytes (64 hex characters or base64)");

  return key;
};
