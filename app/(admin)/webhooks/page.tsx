import Link from "next/link";
import { WebhookForm } from "@/app/(admin)/webhooks/_components/webhook-form";
import { requireAdmin } from "@/lib/auth/require-admin";
import { listWebhooks } from "@/lib/services/list-webhooks";
import { webhookJson } from "@/lib/services/webhook-json";

export const dynamic = "force-dynamic";

export default async function WebhooksPage() {
  await requireAdmin("/webhooks");
  const webhooks = (await listWebhooks()).map(webhookJson);

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">Webhooks</h1>
        <p className="mt-1 text-sm text-slate-600">
          JSON POSTs signed with <code>X-Ktizo-Signature: sha256=HMAC(secret, timestamp + &quot;.&quot; + body)</code>, sent from a durable outbox
          with retries and exponential backoff.
        </p>
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm" data-testid="webhooks-table">
          <thead className="bg-slate-50 text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
            <tr>
              {["Name", "URL", "Events", "State"].map((heading) => (
                <th key={heading} className="px-3 py-2">
                  {heading}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {webhooks.length === 0 ? (
              <tr>
                <td colSpan={4} className="px-3 py-6 text-center text-slate-500">
                  No webhooks yet.
                </td>
              </tr>
            ) : null}
            {webhooks.map((webhook) => (
              <tr key={webhook.id} data-testid="webhook-row" className={webhook.enabled ? "" : "text-slate-400"}>
                <td className="px-3 py-1.5 font-medium">
                  <Link href={`/webhooks/${webhook.id}`} className="text-sky-700 hover:underline">
                    {webhook.name}
                  </Link>
                </td>
                <td className="px-3 py-1.5 font-mono text-xs break-all">{webhook.url}</td>
                <td className="px-3 py-1.5 text-xs">{webhook.events.join(", ")}</td>
                <td className="px-3 py-1.5">{webhook.enabled ? "enabled" : "disabled"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 className="text-base font-semibold">New webhook</h2>
      <WebhookForm />
    </div>
  );
}
