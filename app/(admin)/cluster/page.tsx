import { CopyButton } from "@/app/_components/copy-button";
import { ClusterHealthPanel } from "@/app/(admin)/_components/cluster-health-panel";
import { BootstrapNowForm } from "@/app/(admin)/cluster/_components/bootstrap-now-form";
import { ClusterSettingsForm } from "@/app/(admin)/cluster/_components/cluster-settings-form";
import { GenerateConfigForm } from "@/app/(admin)/cluster/_components/generate-config-form";
import { SecretsPanel } from "@/app/(admin)/cluster/_components/secrets-panel";
import { formatTime } from "@/app/_components/format-time";
import { requireAdmin } from "@/lib/auth/require-admin";
import { getClusterHealth, getClusterSettings, locateTalosctl, previewClusterConfigs } from "@/lib/services/cluster";

export const dynamic = "force-dynamic";

const section = "space-y-3 rounded-lg border border-slate-200 bg-white p-4";

export default async function ClusterPage() {
  await requireAdmin("/cluster");
  const [settings, preview, talosctl, health] = await Promise.all([getClusterSettings(), previewClusterConfigs(), locateTalosctl(), getClusterHealth()]);

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">Cluster</h1>
        <p className="mt-1 text-sm text-slate-600">Talos v1.11 cluster settings, secrets and the generated machine configurations.</p>
      </div>
      <section className={section}>
        <h2 className="font-medium">Health</h2>
        <ClusterHealthPanel initial={health} />
        {settings?.generatedAt ? (
          <p className="text-sm text-slate-700">
            <a href="/api/v1/cluster/kubeconfig" download={`kubeconfig-${settings.name}`} className="text-sky-700 underline" data-testid="download-kubeconfig">
              Download admin kubeconfig
            </a>{" "}
            <CopyButton text="/api/v1/cluster/kubeconfig" absolute label="Copy URL" testId="copy-kubeconfig-url" />{" "}
            (client certificate valid for the configured lifetime; every download is logged)
          </p>
        ) : null}
        {settings?.generatedAt && health.bootstrap.state !== "done" ? <BootstrapNowForm /> : null}
      </section>
      <section className={section}>
        <h2 className="font-medium">Settings</h2>
        <ClusterSettingsForm settings={settings} />
      </section>
      <section className={section}>
        <h2 className="font-medium">Secrets</h2>
        {settings ? (
          <SecretsPanel hasSecrets={Boolean(settings.secretsGeneratedAt)} secretsGeneratedAt={formatTime(settings.secretsGeneratedAt)} />
        ) : (
          <p className="text-sm text-slate-500">Save the settings first.</p>
        )}
      </section>
      <section className={section}>
        <h2 className="font-medium">Configuration</h2>
        <GenerateConfigForm talosctl={{ available: Boolean(talosctl.path), reason: talosctl.reason }} ready={Boolean(settings?.secretsGeneratedAt)} />
        {settings?.generatedAt ? (
          <p className="text-sm text-slate-700" data-testid="config-status">
            Generated with <strong>{settings.generator}</strong> at {formatTime(settings.generatedAt)};{" "}
            {preview?.validation.ok ? "validation passed" : `validation failed: ${preview?.validation.errors.join("; ")}`}.{" "}
            <a href="/api/v1/cluster/talosconfig" download="talosconfig" className="text-sky-700 underline" data-testid="download-talosconfig">
              Download talosconfig
            </a>{" "}
            <CopyButton text="/api/v1/cluster/talosconfig" absolute label="Copy URL" testId="copy-talosconfig-url" />
          </p>
        ) : (
          <p className="text-sm text-slate-500" data-testid="config-status">No configuration generated yet.</p>
        )}
        {preview ? (
          <div className="grid gap-4 lg:grid-cols-2">
            {(["controlplane", "worker"] as const).map((role) => (
              <div key={role} className="space-y-1">
                <h3 className="text-sm font-medium">{role}.yaml (secrets redacted)</h3>
                <pre data-testid={`preview-${role}`} className="max-h-96 overflow-auto rounded bg-slate-900 p-3 font-mono text-xs text-slate-100">
                  {preview[role]}
                </pre>
              </div>
            ))}
          </div>
        ) : null}
      </section>
    </div>
  );
}
