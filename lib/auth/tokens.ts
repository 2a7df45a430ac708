import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

// Session ids, API tokens and boot tokens are 32 random bytes; only their SHA-256 is stored,
// so a stolen database does not log anyone in. (High-entropy tokens need no slow hash.)
export const apiTokenPrefix = "ktz_";

export const generateSecretToken = (prefix = ""): string => `${prefix}${randomBytes(32).toString("base64url")}`;

export const hashToken = (token: string): string => createHash("sha256").update(token, "utf8").digest("hex");

export const tokensEqual = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);

  return left.length === right.length && timingSafeEqual(left, right);
};
