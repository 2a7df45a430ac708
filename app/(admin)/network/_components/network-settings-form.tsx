"use client";

import { useActionState, useRef } from "react";
import { saveNetworkSettingsAction } from "@/app/(admin)/network/actions";
import { SelectField } from "@/app/_components/select-field";
import { FormField } from "@/app/_components/form-field";
import { Notice } from "@/app/_components/notice";
import { SubmitButton } from "@/app/_components/submit-button";
import { idleState } from "@/lib/actions/action-state";
import { suggestNetwork, type HostInterface } from "@/lib/domain/dnsmasq/suggest-network";
import { networkSettingsDefaults, type NetworkSettingsJson } from "@/lib/schemas/network";

type NetworkSettingsFormProps = { settings: NetworkSettingsJson | null; interfaces: HostInterface[]; port: number };

const asText = (settings: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(settings).map(([key, value]) => [
      key,
      Array.isArray(value) ? value.join(", ") : typeof value === "boolean" ? (value ? "on" : "") : value === null || value === undefined ? "" : String(value),
    ]),
  );

const checkboxes = [
  ["dnsEnabled", "Serve DNS (off: port=0, clients get the DNS servers above)"],
  ["tftpEnabled", "Serve TFTP (iPXE binaries from the TFTP root)"],
  ["allowMacOnlyDownload", "Allow config downloads by MAC alone (no token)"],
] as const;

export function NetworkSettingsForm({ settings, interfaces, port }: NetworkSettingsFormProps) {
  const formRef = useRef<HTMLFormElement>(null);
  // Picking a host interface fills the fields that follow from it; the admin can still edit them.
  const fillFrom = (index: string) => {
    const iface = interfaces[Number(index)];
    const suggestion = iface ? suggestNetwork({ iface, port }) : null;
    if (!suggestion || !formRef.current) return;
    for (const [name, value] of Object.entries(suggestion)) {
      const input = formRef.current.elements.namedItem(name);
      if (input instanceof HTMLInputElement) input.value = value;
    }
  };
  const [state, action, pending] = useActionState(saveNetworkSettingsAction, idleState);
  const errors = state.status === "invalid" ? (state.fieldErrors as Record<string, string[] | undefined>) : {};
  const echoed = state.status === "invalid" || state.status === "error" ? state.values : {};
  const values = { ...asText({ ...networkSettingsDefaults, ...settings }), ...echoed };
  const field = (name: string, label: string, extra: Record<string, unknown> = {}) => (
    <FormField key={`${name}-${state.status}`} name={name} label={label} defaultValue={values[name]} errors={errors[name]} {...extra} />
  );
  const select = (name: string, label: string, options: [string, string][]) => (
    <SelectField key={`${name}-${state.status}`} name={name} label={label} options={options.map(([value, text]) => ({ value, label: text }))} defaultValue={values[name]} errors={errors[name]} />
  );

  return (
    <form ref={formRef} action={action} className="space-y-4" data-testid="network-settings-form">
      {interfaces.length > 0 ? (
        <label className="block space-y-1 text-sm">
          <span className="block font-medium text-slate-700">Prefill from a host address</span>
          <select data-testid="host-interface" defaultValue="" onChange={(event) => fillFrom(event.target.value)} className="rounded-md border border-slate-300 bg-white px-2 py-1.5">
            <option value="">Choose the interface on the provisioning network…</option>
            {interfaces.map((iface, index) => (
              <option key={`${iface.name}-${iface.address}`} value={index}>
                {iface.name}: {iface.address}/{iface.prefixLength}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <div className="grid gap-4 md:grid-cols-3">
        {field("interface", "Interface", { placeholder: "eth0", required: true })}
        {field("serverIp", "Server IP", { placeholder: "10.0.0.2", required: true })}
        {field("httpBaseUrl", "HTTP base URL for machines", { placeholder: "http://10.0.0.2:3000", required: true })}
        {select("dhcpMode", "DHCP mode", [["full", "Full DHCP (ktizo hands out addresses)"], ["proxy", "Proxy DHCP (beside an existing DHCP server)"]])}
        {field("dhcpRangeStart", "Range start (full mode)", { placeholder: "10.0.0.100" })}
        {field("dhcpRangeEnd", "Range end (full mode)", { placeholder: "10.0.0.199" })}
        {field("netmask", "Netmask")}
        {field("gateway", "Gateway", { placeholder: "optional" })}
        {field("dnsServers", "DNS servers", { placeholder: "1.1.1.1, 9.9.9.9" })}
        {field("domain", "Domain", { placeholder: "optional, e.g. lab.example" })}
        {field("leaseTime", "Lease time", { placeholder: "12h" })}
        {select("uefiBinary", "UEFI x86-64 binary", [["ipxe.efi", "ipxe.efi"], ["snponly.efi", "snponly.efi"]])}
        {field("arm64Binary", "arm64 iPXE binary", { placeholder: "optional: a file name in KTIZO_IPXE_DIR, e.g. ipxe-arm64.efi" })}
        {field("ipxePollSeconds", "Pending poll interval (s)", { type: "number", min: 1, max: 300 })}
        {select("assetSource", "Boot asset source", [["factory", "Image Factory (cached by ktizo)"], ["local", "Local files only"]])}
        {field("factorySchematic", "Image Factory schematic ID")}
        {field("provisionWindowMinutes", "Provisioning window (min)", { type: "number", min: 1, max: 1440 })}
        {field("pendingHoldSeconds", "Hold pending downloads (s)", { type: "number", min: 0, max: 170 })}
        {select("identityCheck", "Identity check (see docs/security.md)", [
          ["strict", "Strict: source address must be bound to the MAC"],
          ["ip-only", "IP only when unverifiable (routed clients)"],
          ["off", "Off (unsafe: anyone who knows a MAC gets its config)"],
        ])}
      </div>
      {field("extraKernelArgs", "Extra kernel arguments", { placeholder: "e.g. console=ttyS0,115200n8" })}
      <div className="space-y-1">
        {checkboxes.map(([name, label]) => (
          <label key={`${name}-${state.status}`} className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" name={name} defaultChecked={values[name] === "on"} data-testid={`checkbox-${name}`} />
            {label}
          </label>
        ))}
      </div>
      <div className="flex items-center gap-3">
        <SubmitButton disabled={pending} data-testid="save-network-settings">
          Save settings
        </SubmitButton>
        {state.status === "ok" ? (
          <Notice tone="success" testId="network-settings-saved">
            Saved. Review the rendered configuration below, then Apply.
          </Notice>
        ) : null}
        {state.status === "ok" && state.data.warnings.length > 0 ? (
          <Notice tone="error" testId="network-settings-warning">
            {state.data.warnings.join(" ")}
          </Notice>
        ) : null}
      </div>
      {state.status === "invalid" || state.status === "error" ? (
        <Notice tone="error" testId="network-settings-error">
          {state.message}
          {errors._form ? ` ${errors._form.join(" ")}` : ""}
        </Notice>
      ) : null}
    </form>
  );
}
