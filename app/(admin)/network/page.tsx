import { CopyButton } from "@/app/_components/copy-button";
import { ApplyPanel } from "@/app/(admin)/network/_components/apply-panel";
import { WorkerStatusCard } from "@/app/(admin)/_components/worker-status-card";
import { AssetImports } from "@/app/(admin)/network/_components/asset-imports";
import { NetworkSettingsForm } from "@/app/(admin)/network/_components/network-settings-form";
import { formatTime } from "@/app/_components/format-time";
import { requireAdmin } from "@/lib/auth/require-admin";
import { getHostFacts, getNetworkSettings } from "@/lib/services/network";
import { listAssetImports } from "@/lib/services/assets";
import { listLocalAssets } from "@/lib/services/assets";
import { previewNetworkConfig } from "@/lib/services/network";

export const dynamic = "force-dynamic";

const section = "space-y-3 rounded-lg border border-slate-200 bg-white p-4";

export default async function NetworkPage() {
  await requireAdmin("/network");
  const [settings, preview, imports, local] = await Promise.all([
    getNetworkSettings(),
    previewNetworkConfig().catch((error: Error) => ({ state: "error" as const, rendered: null, configHash: null, appliedAt: null, error: error.message })),
    listAssetImports(),
    listLocalAssets(),
  ]);
  const host = getHostFacts();

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">Network</h1>
        <p className="mt-1 text-sm text-slate-600">DHCP (full or proxy), TFTP with iPXE, and where machines get the Talos kernel and initramfs.</p>
      </div>
      <section className={section}>
        <h2 className="font-medium">Settings</h2>
        {settings ? (
          // Where machines (or a chain-loading iPXE elsewhere) fetch their boot script.
          <p className="flex items-center gap-2 text-sm text-slate-700" data-testid="boot-url">
            Boot URL: <code className="font-mono text-xs">{settings.httpBaseUrl}/boot.ipxe</code>
            <CopyButton text={`${settings.httpBaseUrl}/boot.ipxe`} label="Copy" testId="copy-boot-url" />
          </p>
        ) : null}
        <NetworkSettingsForm settings={settings} interfaces={host.interfaces} port={host.port} />
      </section>
      <section className={section}>
        <h2 className="font-medium">dnsmasq configuration</h2>
        <WorkerStatusCard appliedHash={settings?.appliedHash ?? null} />
        <ApplyPanel state={preview.state} rendered={preview.rendered} appliedAt={formatTime(preview.appliedAt)} error={"error" in preview ? preview.error : null} />
      </section>
      <section className={section}>
        <h2 className="font-medium">Boot assets</h2>
        <p className="text-sm text-slate-600">
          Source: <strong>{settings?.assetSource ?? "factory"}</strong>. Files in the asset directory are always used first; with Image Factory as
          source, missing files are fetched through ktizo and cached.
        </p>
        <AssetImports initialImports={imports} local={local} />
      </section>
    </div>
  );
}
