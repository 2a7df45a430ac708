import { isMachinePath } from "@/lib/auth/public-routes";

// Which web process serves a new connection (docs/architecture.md, "Processes"): the admin process,
// or one of the machine processes. Decided by the connection's first request line, the only thing
// the cluster's primary reads before it hands the socket on. Later requests on a kept-alive
// connection stay with the process it went to: any web process can answer any request, the choice
// only decides whose CPU it shares. A line that is not a request line, or is cut off, goes to the
// admin process, whose answer (400) is the same as any process's.
export type ConnectionRole = "admin" | "machine";

// The longest first line read before deciding; Node's own header limit is 16 KiB for the whole head.
export const maxRequestLineBytes = 8 * 1024;

export const connectionRoleOf = (firstLine: string): ConnectionRole => {
  const [, target] = firstLine.split(" ", 3);
  if (!target?.startsWith("/")) return "admin";
  const query = target.indexOf("?");

  return isMachinePath(query === -1 ? target : target.slice(0, query)) ? "machine" : "admin";
};
