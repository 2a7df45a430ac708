import { entryScript } from "@/lib/domain/ipxe/script-models";
import { countIpxeScript } from "@/lib/metrics/count";
import { loadBootSettings } from "./load-boot-settings";
import { renderBootScript } from "./render-boot-script";

// GET /boot.ipxe: the fixed script dnsmasq hands to iPXE. Before network settings exist it
// chains to the address the machine used to reach us.
export const serveBootEntryScript = async ({ requestOrigin }: { requestOrigin: string }): Promise<string> => {
  const settings = await loadBootSettings();
  countIpxeScript("entry");

  return renderBootScript(entryScript({ httpBaseUrl: settings.httpBaseUrl ?? requestOrigin, retrySeconds: settings.pollSeconds }));
};
