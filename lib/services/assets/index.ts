// The assets capability's public entry: app/, the worker and other capabilities import only this file.
export * from "./list-asset-imports";
export * from "./list-local-assets";
export * from "./serve-ipxe-binary";
export * from "./serve-talos-asset";
export * from "./start-asset-import";
export * from "./run-queued-asset-imports";
