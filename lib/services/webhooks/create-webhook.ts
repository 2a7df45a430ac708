import { randomBytes } from "node:crypto";
import type { Actor } from "@/lib/auth/principal";
import { encryptSecret } from "@/lib/crypto/secrets-at-rest";
import { prisma } from "@/lib/db/client";
import type { Webhook } from "@/lib/generated/prisma/client";
import { recordEvent } from "@/lib/events/record-event";
import type { CreateWebhookInput } from "@/lib/schemas/webhook";

type CreateWebhookOptions = { input: CreateWebhookInput; actor: Actor; sourceIp: string | null };
export type WebhookWithSecret = { webhook: Webhook; secret: string };

// 32 random bytes: as strong as the HMAC key can use.
export const generateWebhookSecret = (): string => `whsec_${randomBytes(32).toString("base64url")}`;

// The secret is answered once, here; afterwards only its encrypted envelope exists.
export const createWebhook = async ({ input, actor, sourceIp }: CreateWebhookOptions): Promise<WebhookWithSecret> => {
  const secret = input.secret ?? generateWebhookSecret();
  const secretEnc = await encryptSecret("webhook.secret", secret);
  const webhook = await prisma.$transaction(async (tx) => {
    const row = await tx.webhook.create({
      data: { name: input.name, url: input.url, events: JSON.stringify(input.events), enabled: input.enabled, secretEnc },
    });
    await recordEvent({ type: "webhook.saved", actor, sourceIp, details: { webhookId: row.id, name: row.name, url: row.url, created: true } }, tx);

    return row;
  });

  return { webhook, secret };
};
