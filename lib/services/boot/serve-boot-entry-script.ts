import { entryScript } from "@/lib/domain/ipxe/script-models";
import { countIpxeScript } from "@/lib/metrics/count";
import { loadBootSettings } from "./load-boot-settings";
import { renderBootScript } from "./render-boot-script";

// GET /boot.ipxe: the fixed script dnsmasq hands to iPXE. Before network settings exist it
// chains to the address the machine used to reach us.
export const serveBootEntryScript = async ({ requestOrigin }: { requestOrigin: string }): Promise<string> => {
  const settings = await loadBootSettings();
  countIpxeScript("entry");

  const httpBaseUrl = settings.httpBaseUrl ?? requestOrigin;
  const key = `${httpBaseUrl}\n${settings.pollSeconds}`;
  if (rendered?.key === key) return rendered.body;
  const body = await renderBootScript(entryScript({ httpBaseUrl, retrySeconds: settings.pollSeconds }));
  rendered = { key, body };

  return body;
};

// The script depends only on these two values: rendered again only when they change (a settings
// save, read fresh per request by loadBootSettings).
let rendered: { key: string; body: string } | null = null;
