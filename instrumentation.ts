// Next's start-up hook: background work that belongs to the web process. Only in the Node.js
// runtime (the outbox needs Prisma and node:crypto) and never during `next build`.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startWebhookDispatcher } = await import("@/lib/webhooks/start-dispatcher");
  startWebhookDispatcher();
}
