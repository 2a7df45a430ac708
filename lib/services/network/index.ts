// The network capability's public entry: app/, the worker and other capabilities import only this file.
export * from "./apply-network-settings";
export * from "./get-network-settings";
export * from "./preview-network-config";
export * from "./reconcile-reservations";
export * from "./save-network-settings";
export * from "./list-host-interfaces";
export * from "./get-host-facts";
