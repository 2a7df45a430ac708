// The devices capability's public entry: app/, the worker and other capabilities import only this file.
export * from "./approve-device";
export * from "./bulk-device-action";
export * from "./create-device";
export * from "./delete-device";
export * from "./device-change-notifier";
export * from "./device-json";
export * from "./get-device-counts";
export * from "./get-device-detail";
export * from "./get-device-or-throw";
export * from "./list-devices";
export * from "./preview-device-config";
export * from "./reject-device";
export * from "./update-device";
