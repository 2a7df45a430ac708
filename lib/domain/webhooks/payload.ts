// The subscribable events and the JSON body every delivery carries. Webhooks never see secrets:
// `details` are event details, which by contract (Event.details) hold none.
export const webhookEventTypes = [
  "device.registered",
  "device.approved",
  "device.rejected",
  "device.provisioned",
  "device.code_issued",
  "device.code_approved",
  "device.code_denied",
  "device.code_expired",
  "config.downloaded",
  "config.download_refused",
  "boot.identity_mismatch",
  "settings.applied",
  "cluster.bootstrapped",
  "cluster.bootstrap_failed",
  "cluster.healthy",
  "cluster.degraded",
  "node.ready",
  "node.not_ready",
] as const;

export type WebhookEventType = (typeof webhookEventTypes)[number];

// Sent by "send test"; never subscribable, always delivered to the one webhook under test.
export const webhookTestEvent = "webhook.test";

export const isWebhookEventType = (type: string): type is WebhookEventType =>
  (webhookEventTypes as readonly string[]).includes(type);

export type PayloadDevice = {
  id: string;
  mac: string;
  hostname: string | null;
  ipAddress: string | null;
  status: string;
  role: string | null;
};

export type WebhookPayload = {
  event: string;
  eventId: string;
  occurredAt: string;
  actor: { type: string; name: string | null };
  device: PayloadDevice | null;
  details: Record<string, unknown>;
};

type BuildPayloadOptions = {
  event: string;
  eventId: string;
  occurredAt: Date;
  actor: { type: string; name?: string | null };
  device?: PayloadDevice | null;
  details?: Record<string, unknown>;
};

export const buildPayload = (options: BuildPayloadOptions): WebhookPayload => ({
  event: options.event,
  eventId: options.eventId,
  occurredAt: options.occurredAt.toISOString(),
  actor: { type: options.actor.type, name: options.actor.name ?? null },
  device: options.device ?? null,
  details: options.details ?? {},
});

// Which webhooks get a delivery: enabled ones whose subscription list names the event.
export const subscribedTo = (event: string, subscriptions: readonly string[]): boolean => subscriptions.includes(event);
