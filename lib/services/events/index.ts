// The events capability's public entry: app/, the worker and other capabilities import only this file.
export * from "./list-events";
export * from "./apply-retention";
export * from "./watch-database";
