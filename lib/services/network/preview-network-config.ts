import { dnsmasqConfigHash, renderDnsmasqConfig } from "@/lib/compile/compile-dnsmasq";
import { networkSettingsSchema } from "@/lib/schemas/network";
import { findNetworkSettingsRow } from "./get-network-settings";
import { networkSettingsInputOf } from "./network-settings-json";

export type NetworkConfigState = "not_saved" | "never_applied" | "applied" | "changed";

export type NetworkConfigPreview = {
  state: NetworkConfigState;
  rendered: string | null;
  configHash: string | null;
  appliedAt: string | null;
};

// What Apply would write now, and whether that differs from what was applied last.
export const previewNetworkConfig = async (): Promise<NetworkConfigPreview> => {
  const row = await findNetworkSettingsRow();
  if (!row) return { state: "not_saved", rendered: null, configHash: null, appliedAt: null };
  const rendered = await renderDnsmasqConfig(networkSettingsSchema.parse(networkSettingsInputOf(row)));
  const configHash = dnsmasqConfigHash(rendered);
  const state: NetworkConfigState = !row.appliedHash ? "never_applied" : row.appliedHash === configHash ? "applied" : "changed";

  return { state, rendered, configHash, appliedAt: row.appliedAt?.toISOString() ?? null };
};
