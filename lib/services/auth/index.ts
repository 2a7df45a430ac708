// The auth capability's public entry: app/, the worker and other capabilities import only this file.
export * from "./bootstrap-from-env";
export * from "./create-api-token";
export * from "./create-first-admin";
export * from "./list-api-tokens";
export * from "./login";
export * from "./logout";
export * from "./revoke-api-token";
export * from "./needs-first-admin";
