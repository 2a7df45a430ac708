// The webhooks capability's public entry: app/, the worker and other capabilities import only this file.
export * from "./create-webhook";
export * from "./delete-webhook";
export * from "./get-webhook-or-throw";
export * from "./list-webhook-deliveries";
export * from "./list-webhooks";
export * from "./send-test-webhook";
export * from "./update-webhook";
// The outbox dispatcher runs in the worker only (worker/jobs/webhooks-job.ts).
export { createWebhookDispatcher, type TickResult, type WebhookDispatcher } from "@/lib/webhooks/dispatcher";
