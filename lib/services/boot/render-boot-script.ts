import type { IpxeScript, IpxeTemplate } from "@/lib/domain/ipxe/script-models";
import { renderTemplate } from "@/lib/templates/engine";

const templateFiles: Record<IpxeTemplate, string> = {
  entry: "ipxe/boot.ipxe",
  waiting: "ipxe/waiting.ipxe",
  rejected: "ipxe/rejected.ipxe",
  talos: "ipxe/talos.ipxe",
  "not-ready": "ipxe/not-ready.ipxe",
  exit: "ipxe/exit.ipxe",
};

// Models arrive validated (lib/domain/ipxe); rendering is the only step left.
export const renderBootScript = (script: IpxeScript): Promise<string> => renderTemplate(templateFiles[script.template], script.model);
