// The health capability's public entry: app/, the worker and other capabilities import only this file.
export * from "./check-health";
export * from "./get-system-status";
export * from "./scrape-metrics";
export * from "./get-setup-checklist";
