import { describeFetchFailure } from "@/lib/domain/webhooks/fetch-failure";
import { deliveryHeader, eventHeader, signatureHeader, signPayload, timestampHeader } from "@/lib/domain/webhooks/signature";

export type PostDeliveryOptions = {
  url: string;
  secret: string;
  deliveryId: string;
  event: string;
  body: string;
  now: Date;
  timeoutMs: number;
  fetchImpl?: typeof fetch;
};

export type PostResult = { ok: true; statusCode: number } | { ok: false; statusCode: number | null; error: string };

const maxErrorLength = 500;

// One HTTP attempt. Redirects are never followed (a 3xx is a failure with its status), because a
// receiver that moved must be re-configured by an admin, not silently followed to wherever a
// Location header points. The body is drained so the connection can be reused.
export const postDelivery = async ({ url, secret, deliveryId, event, body, now, timeoutMs, fetchImpl = fetch }: PostDeliveryOptions): Promise<PostResult> => {
  const timestamp = Math.floor(now.getTime() / 1000);
  try {
    const response = await fetchImpl(url, {
      method: "POST",
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        "content-type": "application/json",
        "user-agent": "ktizo-webhooks/1",
        [eventHeader]: event,
        [deliveryHeader]: deliveryId,
        [timestampHeader]: String(timestamp),
        [signatureHeader]: signPayload({ secret, timestamp, body }),
      },
      body,
    });
    await response.body?.cancel().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return { ok: true, statusCode: response.status };
    const location = response.headers.get("location");
    const error = response.status >= 300 && response.status < 400 ? `redirect not followed (to ${location ?? "?"})` : `HTTP ${response.status}`;

    return { ok: false, statusCode: response.status, error: error.slice(0, maxErrorLength) };
  } catch (error) {
    // The cause in words (connection refused, timeout, TLS with its reason), not undici's "fetch failed".
    return { ok: false, statusCode: null, error: describeFetchFailure({ error, timeoutMs }).slice(0, maxErrorLength) };
  }
};
