import { CreateTokenForm } from "@/app/(admin)/tokens/_components/create-token-form";
import { RevokeTokenButton } from "@/app/(admin)/tokens/_components/revoke-token-button";
import { DataTable } from "@/app/_components/data-table";
import { formatTime } from "@/app/_components/format-time";
import { requireAdmin } from "@/lib/auth/require-admin";
import { listApiTokens } from "@/lib/services/auth";

export const dynamic = "force-dynamic";

export default async function TokensPage() {
  await requireAdmin("/tokens");
  const { items, total } = await listApiTokens({ pageSize: 500 });

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">API tokens</h1>
        <p className="mt-1 text-sm text-slate-600">
          For automation: send <code className="font-mono">Authorization: Bearer &lt;token&gt;</code> to the admin API. Only a hash is stored.
        </p>
      </div>
      <CreateTokenForm />
      <DataTable testId="tokens-table" headings={["Name", "Prefix", "Origin", "Created", "Last used", "Status", ""]} empty={items.length === 0 ? "No API tokens yet." : null}>
        {items.map((token) => (
          <tr key={token.id} data-testid="token-row" data-token-name={token.name} className={token.revokedAt ? "text-slate-400" : ""}>
            <td className="px-3 py-1.5 font-medium">{token.name}</td>
            <td className="px-3 py-1.5 font-mono text-xs">{token.prefix}…</td>
            <td className="px-3 py-1.5">{token.origin === "env" ? "environment" : (token.createdBy ?? "ui")}</td>
            <td className="px-3 py-1.5 whitespace-nowrap">{formatTime(token.createdAt)}</td>
            <td className="px-3 py-1.5 whitespace-nowrap">{formatTime(token.lastUsedAt)}</td>
            <td className="px-3 py-1.5" data-testid="token-status">
              {token.revokedAt ? `revoked ${formatTime(token.revokedAt)}` : "active"}
            </td>
            <td className="px-3 py-1.5 text-right">{token.revokedAt ? null : <RevokeTokenButton id={token.id} name={token.name} />}</td>
          </tr>
        ))}
      </DataTable>
      <p className="text-xs text-slate-500">{total} token(s)</p>
    </div>
  );
}
