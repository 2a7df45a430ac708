import { randomBytes } from "node:crypto";
import type { Actor } from "@/lib/auth/principal";
import { encryptSecret } from "@/lib/crypto/secrets-at-rest";
import { inTransaction } from "@/lib/data/db";
import { insertWebhook } from "@/lib/data/webhooks";
import { recordEvent } from "@/lib/events/record-event";
import type { CreateWebhookInput, WebhookJson } from "@/lib/schemas/webhook";

type CreateWebhookOptions = { input: CreateWebhookInput; actor: Actor; sourceIp: string | null };
export type WebhookWithSecret = { webhook: WebhookJson; secret: string };

// 32 random bytes: as strong as the HMAC key can use.
export const generateWebhookSecret = (): string => `whsec_${randomBytes(32).toString("base64url")}`;

// The secret is answered once, here; afterwards only its encrypted envelope exists.
export const createWebhook = async ({ input, actor, sourceIp }: CreateWebhookOptions): Promise<WebhookWithSecret> => {
  const secret = input.secret ?? generateWebhookSecret();
  const secretEnc = await encryptSecret("webhook.secret", secret);
  const webhook = await inTransaction(async (tx) => {
    const created = await insertWebhook({ fields: { name: input.name, url: input.url, events: input.events, enabled: input.enabled }, secretEnc, db: tx });
    await recordEvent({ type: "webhook.saved", actor, sourceIp, details: { webhookId: created.id, name: created.name, url: created.url, created: true } }, tx);

    return created;
  });

  return { webhook, secret };
};
