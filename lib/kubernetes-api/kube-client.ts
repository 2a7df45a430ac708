import { request } from "node:https";
import { keyObjectFromPem } from "@/lib/domain/talos/keys";
import type { KubeNode } from "@/lib/domain/cluster/cluster-summary";

export type KubeCredentials = { caPem: string; crtPem: string; keyPem: string };
type KubeGetOptions = { server: string; path: string; credentials: KubeCredentials; timeoutMs: number };

const maxBodyBytes = 8 * 1024 * 1024;

// One GET against the Kubernetes API with client-certificate auth; the server must present a
// certificate from the cluster's Kubernetes CA. Bodies are capped so a rogue endpoint cannot
// exhaust memory, and `timeoutMs` bounds the whole request: node's `timeout` option only fires
// on an idle socket, so an endpoint sending a byte now and then would hold the collector forever.
export const kubeGet = ({ server, path, credentials, timeoutMs }: KubeGetOptions): Promise<{ status: number; body: string }> =>
  new Promise((resolve, reject) => {
    const url = new URL(path, server);
    const deadline = setTimeout(() => req.destroy(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
    deadline.unref();
    const settle = <T>(fn: (value: T) => void) => (value: T) => {
      clearTimeout(deadline);
      fn(value);
    };
    resolve = settle(resolve);
    reject = settle(reject);
    const req = request(url, {
      method: "GET",
      ca: credentials.caPem,
      cert: credentials.crtPem,
      key: keyObjectFromPem(credentials.keyPem).export({ type: "pkcs8", format: "pem" }).toString(),
      headers: { accept: "application/json" },
      timeout: timeoutMs,
    }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBodyBytes) req.destroy(new Error("response too large"));
        else chunks.push(chunk);
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`timed out after ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end();
  });

type RawNode = {
  metadata?: { name?: unknown };
  status?: {
    conditions?: { type?: unknown; status?: unknown }[];
    addresses?: { address?: unknown }[];
    nodeInfo?: { kubeletVersion?: unknown };
  };
};

// A v1 NodeList → the fields ktizo shows (Ready condition, kubelet version, addresses).
export const parseNodeList = (body: string): KubeNode[] => {
  const list = JSON.parse(body) as { kind?: unknown; items?: RawNode[] };
  if (list.kind !== "NodeList" || !Array.isArray(list.items)) throw new Error("not a NodeList");
  return list.items.map((item) => ({
    name: String(item.metadata?.name ?? ""),
    ready: (item.status?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True"),
    kubeletVersion: String(item.status?.nodeInfo?.kubeletVersion ?? ""),
    addresses: (item.status?.addresses ?? []).map((a) => String(a.address ?? "")).filter(Boolean),
  }));
};
