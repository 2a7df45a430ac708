import { createHmac, timingSafeEqual } from "node:crypto";

// Receivers verify `X-Ktizo-Signature: sha256=<hex>` = HMAC-SHA256(secret, `${timestamp}.${body}`)
// with `timestamp` from `X-Ktizo-Timestamp` (unix seconds). Binding the timestamp into the MAC lets
// a receiver refuse replays of an old delivery.
export const signatureHeader = "x-ktizo-signature";
export const timestampHeader = "x-ktizo-timestamp";
export const eventHeader = "x-ktizo-event";
export const deliveryHeader = "x-ktizo-delivery";

type SignOptions = { secret: string; timestamp: number; body: string };

export const signPayload = ({ secret, timestamp, body }: SignOptions): string =>
  `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;

type VerifyOptions = SignOptions & { signature: string; nowSeconds?: number; toleranceSeconds?: number };

export const verifySignature = ({ signature, nowSeconds, toleranceSeconds = 300, ...signed }: VerifyOptions): boolean => {
  if (nowSeconds !== undefined && Math.abs(nowSeconds - signed.timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signPayload(signed));
  const given = Buffer.from(signature);

  return expected.length === given.length && timingSafeEqual(expected, given);
};
