"use client";

import { useActionState } from "react";
import { saveClusterSettingsAction } from "@/app/(admin)/cluster/actions";
import { TextAreaField } from "@/app/_components/text-area-field";
import { FormField } from "@/app/_components/form-field";
import { Notice } from "@/app/_components/notice";
import { SubmitButton } from "@/app/_components/submit-button";
import { idleState } from "@/lib/actions/action-state";
import type { ClusterSettingsJson } from "@/lib/schemas/cluster";

type ClusterSettingsFormProps = { settings: ClusterSettingsJson | null };

const defaults = {
  name: "",
  endpoint: "",
  talosVersion: "v1.11.6",
  kubernetesVersion: "1.34.1",
  installDisk: "/dev/sda",
  installImage: "ghcr.io/siderolabs/installer:v1.11.6",
  podSubnets: "10.244.0.0/16",
  serviceSubnets: "10.96.0.0/12",
  cniName: "flannel",
  cniUrls: "",
  dnsDomain: "cluster.local",
  additionalSans: "",
  configPatch: "",
  controlPlanePatch: "",
  workerPatch: "",
  autoBootstrap: "on",
  kubeconfigTtlHours: "24",
  approvalProof: "token",
};

const fromSettings = (s: ClusterSettingsJson): Record<string, string> => ({
  name: s.name,
  endpoint: s.endpoint,
  talosVersion: s.talosVersion,
  kubernetesVersion: s.kubernetesVersion,
  installDisk: s.installDisk,
  installImage: s.installImage,
  cniName: s.cniName,
  dnsDomain: s.dnsDomain,
  configPatch: s.configPatch,
  controlPlanePatch: s.controlPlanePatch,
  workerPatch: s.workerPatch,
  approvalProof: s.approvalProof,
  allowSchedulingOnControlPlanes: s.allowSchedulingOnControlPlanes ? "on" : "",
  autoBootstrap: s.autoBootstrap ? "on" : "",
  kubeconfigTtlHours: String(s.kubeconfigTtlHours),
  podSubnets: s.podSubnets.join("\n"),
  serviceSubnets: s.serviceSubnets.join("\n"),
  cniUrls: s.cniUrls.join("\n"),
  additionalSans: s.additionalSans.join("\n"),
});

export function ClusterSettingsForm({ settings }: ClusterSettingsFormProps) {
  const [state, action, pending] = useActionState(saveClusterSettingsAction, idleState);
  const errors = state.status === "invalid" ? (state.fieldErrors as Record<string, string[] | undefined>) : {};
  // After a failed save, show what the admin typed, not the stored values.
  const values: Record<string, string> = {
    ...defaults,
    ...(settings ? fromSettings(settings) : {}),
    ...(state.status === "invalid" || state.status === "error" ? state.values : {}),
  };
  const field = (name: string, label: string, extra: Record<string, unknown> = {}) => (
    <FormField key={`${name}-${state.status}`} name={name} label={label} defaultValue={values[name]} errors={errors[name]} {...extra} />
  );
  const area = (name: string, label: string, hint: string, rows = 3) => (
    <TextAreaField key={`${name}-${state.status}`} name={name} label={label} hint={hint} rows={rows} defaultValue={values[name]} errors={errors[name]} />
  );

  return (
    <form action={action} className="space-y-4" data-testid="cluster-settings-form">
      <div className="grid gap-4 md:grid-cols-2">
        {field("name", "Cluster name", { placeholder: "e.g. lab", required: true })}
        {field("endpoint", "Control-plane endpoint", { placeholder: "https://10.0.0.10:6443", required: true })}
        {field("talosVersion", "Talos version")}
        {field("kubernetesVersion", "Kubernetes version (1.29 – 1.34)")}
        {field("installDisk", "Install disk")}
        {field("installImage", "Installer image")}
        {field("dnsDomain", "DNS domain")}
        <div className="space-y-1">
          <label htmlFor="cniName" className="block text-sm font-medium text-slate-700">
            CNI
          </label>
          <select key={`cni-${state.status}`} id="cniName" name="cniName" defaultValue={values.cniName} className="block w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm">
            <option value="flannel">flannel (Talos-managed)</option>
            <option value="none">none (install your own)</option>
            <option value="custom">custom (manifest URLs)</option>
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="approvalProof" className="block text-sm font-medium text-slate-700">
            Approval proof
          </label>
          <select key={`proof-${state.status}`} id="approvalProof" name="approvalProof" defaultValue={values.approvalProof} className="block w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm">
            <option value="token">token (one-use config token)</option>
            <option value="console-code">console-code (code on the machine&apos;s console)</option>
          </select>
          {errors.approvalProof ? <p className="text-xs text-red-600">{errors.approvalProof.join(" ")}</p> : null}
        </div>
        {area("podSubnets", "Pod subnets", "One CIDR per line.", 2)}
        {area("serviceSubnets", "Service subnets", "One CIDR per line.", 2)}
        {area("cniUrls", "Custom CNI manifest URLs", "Only with CNI custom; one per line.", 2)}
        {area("additionalSans", "Extra certificate SANs", "Hostnames or IPs, one per line.", 2)}
      </div>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input key={`sched-${state.status}`} type="checkbox" name="allowSchedulingOnControlPlanes" defaultChecked={values.allowSchedulingOnControlPlanes === "on"} />
        Allow workloads on control-plane nodes
      </label>
      {errors.allowSchedulingOnControlPlanes ? <p className="text-xs text-red-600">{errors.allowSchedulingOnControlPlanes.join(" ")}</p> : null}
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input key={`auto-${state.status}`} type="checkbox" name="autoBootstrap" data-testid="auto-bootstrap" defaultChecked={values.autoBootstrap === "on"} />
        Bootstrap etcd automatically on the first control plane (docs: Cluster → Bootstrap)
      </label>
      <div className="max-w-xs">{field("kubeconfigTtlHours", "kubeconfig certificate lifetime (hours)", { type: "number", min: 1, max: 8760 })}</div>
      <div className="grid gap-4 md:grid-cols-3">
        {area("configPatch", "Cluster-wide patch", "Strategic-merge YAML applied to every node.", 8)}
        {area("controlPlanePatch", "Control-plane patch", "Applied to control-plane nodes after the cluster-wide patch.", 8)}
        {area("workerPatch", "Worker patch", "Applied to workers after the cluster-wide patch.", 8)}
      </div>
      <div className="flex items-center gap-3">
        <SubmitButton disabled={pending} data-testid="save-cluster-settings">
          Save settings
        </SubmitButton>
        {state.status === "ok" ? (
          <Notice tone="success" testId="cluster-settings-saved">
            Settings saved. Generate the configuration again to apply them.
          </Notice>
        ) : null}
      </div>
      {state.status === "invalid" || state.status === "error" ? (
        <Notice tone="error" testId="cluster-settings-error">
          {state.message}
          {errors._form ? ` ${errors._form.join(" ")}` : ""}
        </Notice>
      ) : null}
    </form>
  );
}
