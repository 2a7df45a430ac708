import { createHash, timingSafeEqual } from "node:crypto";
import { AppError } from "@/lib/domain/errors";

// /metrics is public unless KTIZO_METRICS_TOKEN is set; then a scrape must send it as a bearer
// token. Both sides are hashed first so the comparison is constant-time whatever their lengths.
export const checkMetricsToken = (authorization: string | null, expected: string | undefined): void => {
  if (!expected) return;
  const given = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1] ?? "";
  const digest = (value: string) => createHash("sha256").update(value).digest();
  if (!timingSafeEqual(digest(given), digest(expected))) throw new AppError("unauthorized", "metrics token required");
};
