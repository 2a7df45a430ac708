"use client";

import { useActionState } from "react";
import { createWebhookAction, updateWebhookAction } from "@/app/(admin)/webhooks/actions";
import { FormField } from "@/app/_components/form-field";
import { Notice } from "@/app/_components/notice";
import { SubmitButton } from "@/app/_components/submit-button";
import { idleState } from "@/lib/actions/action-state";
import { webhookEventTypes } from "@/lib/domain/webhooks/payload";
import type { WebhookJson } from "@/lib/schemas/webhook";

// Create or edit a webhook. A new or rotated signing secret is shown once, right here.
export function WebhookForm({ webhook }: { webhook?: WebhookJson }) {
  const [state, action, pending] = useActionState(webhook ? updateWebhookAction : createWebhookAction, idleState);
  const errors = state.status === "invalid" ? (state.fieldErrors as Record<string, string[] | undefined>) : {};
  const typed = state.status === "invalid" || state.status === "error" ? state.values : undefined;
  const subscribed = new Set(webhook?.events ?? ["device.approved"]);

  return (
    <form action={action} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="webhook-form">
      {webhook ? <input type="hidden" name="id" value={webhook.id} /> : null}
      <div className="grid grid-cols-1 gap-3 md:grid-cols-3">
        <FormField name="name" label="Name" required maxLength={100} defaultValue={typed?.name ?? webhook?.name} errors={errors.name} />
        <FormField name="url" label="URL (http or https; redirects are not followed)" required defaultValue={typed?.url ?? webhook?.url} errors={errors.url} />
        <FormField name="secret" label={webhook ? "New secret (optional)" : "Secret (optional, generated if empty)"} type="password" autoComplete="off" errors={errors.secret} />
      </div>
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-slate-700">Events</legend>
        <div className="flex flex-wrap gap-4 text-sm">
          {webhookEventTypes.map((event) => (
            <label key={event} className="flex items-center gap-1.5">
              <input type="checkbox" name="events" value={event} defaultChecked={subscribed.has(event)} /> {event}
            </label>
          ))}
        </div>
        {errors.events ? <p className="text-xs text-red-600" data-testid="events-error">{errors.events.join(" ")}</p> : null}
      </fieldset>
      <div className="flex items-center gap-4 text-sm">
        <label className="flex items-center gap-2">
          <input type="checkbox" name="enabled" defaultChecked={webhook ? webhook.enabled : true} /> Enabled
        </label>
        {webhook ? (
          <label className="flex items-center gap-2">
            <input type="checkbox" name="rotateSecret" /> Rotate secret
          </label>
        ) : null}
        <SubmitButton disabled={pending} data-testid="webhook-submit">
          {webhook ? "Save webhook" : "Create webhook"}
        </SubmitButton>
      </div>
      {state.status === "invalid" || state.status === "error" ? <Notice tone="error" testId="webhook-error">{state.message}</Notice> : null}
      {state.status === "ok" ? (
        <Notice tone="success" testId="webhook-saved">
          <p>Webhook {state.data.name} saved.</p>
          {state.data.secret ? (
            <p className="mt-1">
              Signing secret (shown once): <code className="font-mono text-xs select-all" data-testid="webhook-secret">{state.data.secret}</code>
            </p>
          ) : null}
        </Notice>
      ) : null}
    </form>
  );
}
