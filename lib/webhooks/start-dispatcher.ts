import { createWebhookDispatcher, type WebhookDispatcher } from "@/lib/webhooks/dispatcher";

// The web process runs one dispatcher (started from instrumentation.ts). Kept on globalThis so a
// dev reload does not start a second loop; the CAS claim would keep two safe, but wasteful.
const globalForDispatcher = globalThis as unknown as { ktizoWebhookDispatcher?: WebhookDispatcher };

export const startWebhookDispatcher = (): WebhookDispatcher => {
  if (!globalForDispatcher.ktizoWebhookDispatcher) {
    const dispatcher = createWebhookDispatcher();
    dispatcher.start();
    globalForDispatcher.ktizoWebhookDispatcher = dispatcher;
  }

  return globalForDispatcher.ktizoWebhookDispatcher;
};
