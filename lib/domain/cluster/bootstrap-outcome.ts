// What a Bootstrap call's gRPC status means for ktizo (codes from grpc/status codes).
// machined answers FAILED_PRECONDITION while the node cannot take the bootstrap yet ("time is not in
// sync yet") and ALREADY_EXISTS once etcd has data ("etcd data directory is not empty"); see Bootstrap in
// https://github.com/siderolabs/talos/blob/main/internal/app/machined/internal/server/v1alpha1/v1alpha1_server.go.
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
