import Link from "next/link";
import { WebhookForm } from "@/app/(admin)/webhooks/_components/webhook-form";
import { DataTable } from "@/app/_components/data-table";
import { requireAdmin } from "@/lib/auth/require-admin";
import { listWebhooks } from "@/lib/services/webhooks";

export const dynamic = "force-dynamic";

export default async function WebhooksPage() {
  await requireAdmin("/webhooks");
  const webhooks = await listWebhooks();

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">Webhooks</h1>
        <p className="mt-1 text-sm text-slate-600">
          JSON POSTs signed with <code>X-Ktizo-Signature: sha256=HMAC(secret, timestamp + &quot;.&quot; + body)</code>, sent from a durable outbox
          with retries and exponential backoff.
        </p>
      </div>
      <DataTable testId="webhooks-table" headings={["Name", "URL", "Events", "State"]} empty={webhooks.length === 0 ? "No webhooks yet." : null}>
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
      </DataTable>
      <h2 className="text-base font-semibold">New webhook</h2>
      <WebhookForm />
    </div>
  );
}
