import * as grpc from "@grpc/grpc-js";
import { keyObjectFromPem } from "@/lib/domain/talos/keys";
import { loadMachineService } from "./load-machine-service";
import type {
  TalosBootstrapReply,
  TalosEtcdMemberListReply,
  TalosHostnameReply,
  TalosServiceListReply,
  TalosVersionReply,
} from "./types";

// The talosconfig's admin identity: OS CA, client certificate (O=os:admin) and its key, as PEM.
export type TalosCredentials = { caPem: string; crtPem: string; keyPem: string };

export type TalosClientOptions = { address: string; port: number; credentials: TalosCredentials; timeoutMs: number };

export type TalosClient = {
  bootstrap: () => Promise<TalosBootstrapReply>;
  version: () => Promise<TalosVersionReply>;
  serviceList: () => Promise<TalosServiceListReply>;
  etcdMemberList: () => Promise<TalosEtcdMemberListReply>;
  hostname: () => Promise<TalosHostnameReply>;
  close: () => void;
};

// A failed call keeps its gRPC status code, so callers can tell "not ready yet" from "refused".
export class TalosApiError extends Error {
  constructor(
    readonly code: grpc.status,
    message: string,
  ) {
    super(message);
    this.name = "TalosApiError";
  }
}

const target = (address: string, port: number) => (address.includes(":") ? `[${address}]:${port}` : `${address}:${port}`);

// Talos stores Ed25519 keys under the label "ED25519 PRIVATE KEY", which OpenSSL does not read;
// the DER inside is PKCS#8, so re-labelling through a KeyObject is lossless.
const opensslKeyPem = (pem: string): Buffer =>
  Buffer.from(keyObjectFromPem(pem).export({ type: "pkcs8", format: "pem" }).toString());

// Mutual TLS to a node's own apid (port 50000): the node's certificate must chain to the OS CA and
// name the address we dialled (grpc-js checks the IP SAN); we present the os:admin certificate.
export const createTalosClient = ({ address, port, credentials, timeoutMs }: TalosClientOptions): TalosClient => {
  const Service = loadMachineService();
  const ssl = grpc.credentials.createSsl(
    Buffer.from(credentials.caPem),
    opensslKeyPem(credentials.keyPem),
    Buffer.from(credentials.crtPem),
  );
  const client = new Service(target(address, port), ssl, {
    // A dead node must not keep a reconnect loop alive between polls.
    "grpc.initial_reconnect_backoff_ms": 1_000,
    "grpc.max_reconnect_backoff_ms": 5_000,
  });

  const call = <T>(method: string, request: object): Promise<T> =>
    new Promise((resolve, reject) => {
      const deadline = new Date(Date.now() + timeoutMs);
      const fn = (client as unknown as Record<string, grpc.requestCallback<T> & ((...args: unknown[]) => void)>)[method];
      if (!fn) return reject(new Error(`MachineService has no method ${method}`));
      fn.call(client, request, new grpc.Metadata(), { deadline }, (error: grpc.ServiceError | null, reply?: T) => {
        if (error) reject(new TalosApiError(error.code, error.details || error.message));
        else resolve(reply as T);
      });
    });

  return {
    bootstrap: () => call("Bootstrap", { recover_etcd: false, recover_skip_hash_check: false }),
    version: () => call("Version", {}),
    serviceList: () => call("ServiceList", {}),
    etcdMemberList: () => call("EtcdMemberList", { query_local: false }),
    hostname: () => call("Hostname", {}),
    close: () => client.close(),
  };
};
