import { findNetworkSettings } from "@/lib/data/network-settings";
import type { NetworkSettingsJson } from "@/lib/schemas/network";

export const getNetworkSettings = async (): Promise<NetworkSettingsJson | null> => (await findNetworkSettings())?.json ?? null;
