// The rules capability's public entry: app/, the worker and other capabilities import only this file.
export * from "./apply-approval-rules";
export * from "./create-rule";
export * from "./delete-rule";
export * from "./dry-run-rule";
export * from "./get-rule-or-throw";
export * from "./list-rules";
export * from "./rule-json";
export * from "./update-rule";
