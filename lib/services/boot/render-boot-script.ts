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

// A polling rack asks for the same few scripts again and again (a waiting script differs only by
// MAC): a rendered script is kept per template and model, in production only (as the engine's
// template cache, lib/templates/engine.ts, so a template edit shows at once in development). Talos
// scripts are not kept: they carry a config token, which lives only in the response. Bounded: the
// map starts over when full, so anonymous MACs cannot grow it.
const maxKept = 4_096;
const kept = new Map<string, string>();

export const renderedScriptsKept = (): number => kept.size;

// Models arrive validated (lib/domain/ipxe); rendering is the only step left.
export const renderBootScript = async (script: IpxeScript, { keep = process.env.NODE_ENV === "production" } = {}): Promise<string> => {
  const file = templateFiles[script.template];
  if (!keep || script.template === "talos") return renderTemplate(file, script.model);
  const key = `${script.template}\n${JSON.stringify(script.model)}`;
  const found = kept.get(key);
  if (found !== undefined) return found;
  const body = await renderTemplate(file, script.model);
  if (kept.size >= maxKept) kept.clear();
  kept.set(key, body);

  return body;
};
