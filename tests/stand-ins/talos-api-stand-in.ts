// STAND-IN for a Talos node's apid (a real Talos node cannot run here). It serves the same
// machine.MachineService proto over gRPC with mutual TLS: its certificate is issued by the
// cluster's OS CA, it requires a client certificate chained to that CA, and like Talos's RBAC it
// refuses a client whose certificate does not carry the os:admin role (O=os:admin).
// Bootstrap answers as Talos does: FAILED_PRECONDITION "bootstrap is not available yet" while the
// node is getting ready, once OK, then ALREADY_EXISTS "etcd data directory is not empty".
import * as grpc from "@grpc/grpc-js";
import { keyObjectFromPem } from "@/lib/domain/talos/keys";
import type { CertAndKey } from "@/lib/domain/talos/certificates";
import { issueLeafCertificate } from "@/lib/domain/talos/leaf-certificate";
import { loadMachineService } from "@/lib/talos-api";

export type TalosStandInOptions = {
  osCa: CertAndKey;
  address: string;
  port?: number;
  hostname: string;
  notReadyBootstraps?: number;
  // A dead node: TLS completes, but no call is ever answered.
  hang?: boolean;
  talosVersion?: string;
  // The addresses its serving certificate names (default: the one it listens on). Another
  // address plays a node that holds a genuine OS-CA certificate issued for a different machine.
  certificateAddresses?: string[];
  // A node that refuses Bootstrap for good (e.g. PERMISSION_DENIED), with Talos's message.
  bootstrapRefusal?: { code: grpc.status; details: string };
};

export type TalosStandIn = {
  port: number;
  calls: { method: string; at: number }[];
  bootstrapSuccesses: () => number;
  // gRPC status code of every Bootstrap answer, in order (0 = OK).
  bootstrapAnswers: number[];
  refusals: () => number;
  // Other control planes that joined etcd after bootstrap (the test moves the cluster along).
  setExtraEtcdMembers: (hostnames: string[]) => void;
  close: () => Promise<void>;
};

type Callback = (error: Partial<grpc.StatusObject> | null, reply?: object) => void;

const meta = (hostname: string) => ({ hostname, error: "" });

export const startTalosStandIn = async (options: TalosStandInOptions): Promise<TalosStandIn> => {
  const { osCa, address, hostname, hang = false, talosVersion = "v1.11.6" } = options;
  let notReadyLeft = options.notReadyBootstraps ?? 0;
  let bootstrapped = 0;
  let refused = 0;
  let extraMembers: string[] = [];
  const calls: { method: string; at: number }[] = [];
  const bootstrapAnswers: number[] = [];
  const serving = await issueLeafCertificate({
    ca: osCa, commonName: hostname, usage: "server", ipAddresses: options.certificateAddresses ?? [address], dnsNames: [hostname], lifetimeMs: 3_600_000,
  });

  // RBAC as apid does it: roles come from the client certificate's Organization fields.
  const authorized = (call: grpc.ServerUnaryCall<unknown, unknown>): boolean => {
    const organization = call.getAuthContext()?.sslPeerCertificate?.subject?.O;
    const roles = Array.isArray(organization) ? organization : organization ? [organization] : [];
    return roles.includes("os:admin");
  };

  const handler = (method: string, answer: (request: Record<string, unknown>) => [Partial<grpc.StatusObject> | null, object?]) =>
    (call: grpc.ServerUnaryCall<Record<string, unknown>, unknown>, callback: Callback) => {
      calls.push({ method, at: Date.now() });
      if (hang) return;
      if (!authorized(call)) {
        refused += 1;
        return callback({ code: grpc.status.PERMISSION_DENIED, details: "not authorized" });
      }
      const [error, reply] = answer(call.request);
      callback(error, reply);
    };

  const etcdMembers = () =>
    bootstrapped > 0
      ? [hostname, ...extraMembers].map((name, index) => ({
          id: String(1000 + index), hostname: name, peer_urls: [], client_urls: [], is_learner: false,
        }))
      : [];

  const service = (id: string, running: boolean) => ({
    id, state: running ? "Running" : "Waiting", events: { events: [] },
    health: { unknown: !running, healthy: running, last_message: "" },
  });

  const server = new grpc.Server();
  server.addService(loadMachineService().service, {
    Bootstrap: handler("Bootstrap", () => {
      if (options.bootstrapRefusal) {
        bootstrapAnswers.push(options.bootstrapRefusal.code);
        return [options.bootstrapRefusal];
      }
      if (notReadyLeft > 0) {
        notReadyLeft -= 1;
        bootstrapAnswers.push(grpc.status.FAILED_PRECONDITION);
        return [{ code: grpc.status.FAILED_PRECONDITION, details: "bootstrap is not available yet" }];
      }
      if (bootstrapped > 0) {
        bootstrapAnswers.push(grpc.status.ALREADY_EXISTS);
        return [{ code: grpc.status.ALREADY_EXISTS, details: "etcd data directory is not empty" }];
      }
      bootstrapped += 1;
      bootstrapAnswers.push(grpc.status.OK);
      return [null, { messages: [{ metadata: meta(hostname) }] }];
    }),
    Version: handler("Version", () => [null, {
      messages: [{ metadata: meta(hostname), version: { tag: talosVersion, sha: "stand-in", arch: "amd64" } }],
    }]),
    Hostname: handler("Hostname", () => [null, { messages: [{ metadata: meta(hostname), hostname }] }]),
    ServiceList: handler("ServiceList", () => [null, {
      messages: [{
        metadata: meta(hostname),
        services: [
          service("apid", true), service("containerd", true), service("trustd", true),
          service("etcd", bootstrapped > 0), service("kubelet", bootstrapped > 0),
        ],
      }],
    }]),
    EtcdMemberList: handler("EtcdMemberList", () => [null, { messages: [{ metadata: meta(hostname), members: etcdMembers() }] }]),
  });

  const credentials = grpc.ServerCredentials.createSsl(
    Buffer.from(osCa.crt),
    [{ private_key: Buffer.from(keyObjectFromPem(serving.key).export({ type: "pkcs8", format: "pem" }).toString()), cert_chain: Buffer.from(serving.crt) }],
    true,
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${address}:${options.port ?? 0}`, credentials, (error, bound) => (error ? reject(error) : resolve(bound))),
  );

  return {
    port,
    calls,
    bootstrapSuccesses: () => bootstrapped,
    bootstrapAnswers,
    refusals: () => refused,
    setExtraEtcdMembers: (hostnames) => {
      extraMembers = hostnames;
    },
    close: async () => server.forceShutdown(),
  };
};
