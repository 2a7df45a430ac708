import { Liquid } from "liquidjs";
import { paths } from "@/lib/paths";

// One liquid engine for every text config ktizo renders (dnsmasq, iPXE). Strict on purpose: a
// misspelt variable or filter is an error at render time, never an empty string in a boot file.
// Inputs are validated before they reach a model (lib/schemas), so the engine does no escaping:
// configs are not HTML.
const engines = new Map<string, Liquid>();

const engineFor = (root: string): Liquid => {
  let engine = engines.get(root);
  if (!engine) {
    engine = new Liquid({
      root: [root],
      strictVariables: true,
      strictFilters: true,
      ownPropertyOnly: true,
      // Templates are checked in; re-reading them in development lets edits show without a restart.
      cache: process.env.NODE_ENV === "production",
    });
    engines.set(root, engine);
  }

  return engine;
};

// name is relative to templates/, with or without ".liquid": "dnsmasq/dnsmasq.conf", "ipxe/boot.ipxe".
export const renderTemplate = async (name: string, model: object): Promise<string> => {
  if (name.includes("..") || name.startsWith("/")) throw new Error(`template name must stay inside templates/: ${name}`);
  const file = name.endsWith(".liquid") ? name : `${name}.liquid`;

  return engineFor(paths().templatesDir).renderFile(file, model as Record<string, unknown>);
};
