import { findNetworkSettings } from "@/lib/data/network-settings";
import { dnsmasqConfigHash, renderDnsmasqConfig } from "@/lib/compile/compile-dnsmasq";
import { networkSettingsSchema } from "@/lib/schemas/network";

export type NetworkConfigState = "not_saved" | "never_applied" | "applied" | "changed";

export type NetworkConfigPreview = {
  state: NetworkConfigState;
  rendered: string | null;
  configHash: string | null;
  appliedAt: string | null;
};

// What Apply would write now, and whether that differs from what was applied last.
export const previewNetworkConfig = async (): Promise<NetworkConfigPreview> => {
  const stored = await findNetworkSettings();
  if (!stored) return { state: "not_saved", rendered: null, configHash: null, appliedAt: null };
  const rendered = await renderDnsmasqConfig(networkSettingsSchema.parse(stored.input));
  const configHash = dnsmasqConfigHash(rendered);
  const { appliedHash, appliedAt } = stored.json;
  const state: NetworkConfigState = !appliedHash ? "never_applied" : appliedHash === configHash ? "applied" : "changed";

  return { state, rendered, configHash, appliedAt };
};
