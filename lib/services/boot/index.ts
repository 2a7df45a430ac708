// The boot capability's public entry: app/, the worker and other capabilities import only this file.
export * from "./device-sightings";
export * from "./download-device-config";
export * from "./read-download-request";
export * from "./register-device";
export * from "./serve-boot-entry-script";
export * from "./serve-boot-script";
export * from "./identity-source";
export * from "./oauth-check-bearer";
export * from "./oauth-issue-device-code";
export * from "./oauth-poll-token";
export * from "./oauth-read-request";
export * from "./oauth-reply";
export * from "./overload";
