// What a Bootstrap call's gRPC status means for ktizo (codes from grpc/status codes).
// apid answers FAILED_PRECONDITION until the node can take the bootstrap and ALREADY_EXISTS once
// etcd has data (siderolabs/talos internal/app/machined/internal/server/v1alpha1 Bootstrap);
// UNAVAILABLE and DEADLINE_EXCEEDED mean the node is not reachable yet.
export type BootstrapOutcome = "done" | "retry" | "fail";

const OK = 0;
const DEADLINE_EXCEEDED = 4;
const ALREADY_EXISTS = 6;
const FAILED_PRECONDITION = 9;
const UNAVAILABLE = 14;

export const bootstrapOutcome = (code: number): BootstrapOutcome => {
  if (code === OK || code === ALREADY_EXISTS) return "done";
  if (code === FAILED_PRECONDITION || code === UNAVAILABLE || code === DEADLINE_EXCEEDED) return "retry";
  return "fail";
};
