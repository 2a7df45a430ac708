// The groups capability's public entry: app/, the worker and other capabilities import only this file.
export * from "./create-group";
export * from "./delete-group";
export * from "./get-group-or-throw";
export * from "./list-group-options";
export * from "./list-groups";
export * from "./preview-group-config";
export * from "./update-group";
