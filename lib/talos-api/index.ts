// Talos API (gRPC over mutual TLS) client: the subset of machine.MachineService ktizo calls.
export * from "./load-machine-service";
export * from "./talos-client";
export * from "./types";
