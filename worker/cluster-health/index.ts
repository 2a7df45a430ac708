// Cluster jobs of the worker: bootstrap and health collection (wired from worker/index.ts).
export * from "./config";
export * from "./start-cluster-jobs";
