// The cluster capability's public entry: app/, the worker and other capabilities import only this file.
export * from "./build-device-config";
export * from "./create-cluster-settings";
export * from "./export-cluster-secrets";
export * from "./generate-cluster-config";
export * from "./generate-cluster-secrets";
export * from "./get-cluster-settings";
export * from "./get-cluster-talosconfig";
export * from "./get-endpoint-warning";
export * from "./import-cluster-secrets";
export * from "./load-base-configs";
export * from "./locate-talosctl";
export * from "./preview-cluster-configs";
export * from "./save-cluster-settings";
export * from "./update-cluster-settings";
