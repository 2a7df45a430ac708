import { notFound } from "next/navigation";
import { SendTestButton } from "@/app/(admin)/webhooks/_components/send-test-button";
import { WebhookForm } from "@/app/(admin)/webhooks/_components/webhook-form";
import { deleteWebhookAction } from "@/app/(admin)/webhooks/actions";
import { DataTable } from "@/app/_components/data-table";
import { DeleteButton } from "@/app/_components/delete-button";
import { DetailHeader } from "@/app/_components/detail-header";
import { formatTime } from "@/app/_components/format-time";
import { requireAdmin } from "@/lib/auth/require-admin";
import { isAppError } from "@/lib/domain/errors";
import { getWebhookOrThrow } from "@/lib/services/webhooks";
import { listWebhookDeliveries } from "@/lib/services/webhooks";

export const dynamic = "force-dynamic";

export default async function WebhookPage({ params }: { params: Promise<{ webhookId: string }> }) {
  const { webhookId } = await params;
  await requireAdmin(`/webhooks/${webhookId}`);
  const webhook = await getWebhookOrThrow(webhookId).catch((error: unknown) => (isAppError(error) ? null : Promise.reject(error)));
  if (!webhook) notFound();
  const deliveries = await listWebhookDeliveries({ webhookId, page: 1, pageSize: 100 });

  return (
    <div className="space-y-6">
      <DetailHeader parentHref="/webhooks" parentLabel="Webhooks" title={webhook.name}>
        <div className="flex items-center gap-3">
          <SendTestButton id={webhook.id} />
          <DeleteButton id={webhook.id} action={deleteWebhookAction} testId="delete-webhook">
            Delete webhook
          </DeleteButton>
        </div>
      </DetailHeader>
      <WebhookForm webhook={webhook} />
      <section className="space-y-2">
        <h2 className="text-base font-semibold">Deliveries ({deliveries.total}, newest first)</h2>
        <DataTable testId="deliveries-table" headings={["Created", "Event", "Status", "Attempts", "Last code", "Last error", "Next attempt / delivered"]}>
          {deliveries.items.map((delivery) => (
            <tr key={delivery.id} data-testid="delivery-row" data-status={delivery.status}>
              <td className="px-3 py-1.5 whitespace-nowrap">{formatTime(delivery.createdAt)}</td>
              <td className="px-3 py-1.5">{delivery.event}</td>
              <td className="px-3 py-1.5">{delivery.status}</td>
              <td className="px-3 py-1.5">{delivery.attempts}</td>
              <td className="px-3 py-1.5">{delivery.lastStatusCode ?? "—"}</td>
              <td className="px-3 py-1.5 text-xs">{delivery.lastError ?? ""}</td>
              <td className="px-3 py-1.5 whitespace-nowrap">{delivery.status === "pending" ? formatTime(delivery.nextAttemptAt) : formatTime(delivery.deliveredAt)}</td>
            </tr>
          ))}
        </DataTable>
      </section>
    </div>
  );
}
