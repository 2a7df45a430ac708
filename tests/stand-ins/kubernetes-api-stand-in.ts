// STAND-IN for a Kubernetes API server (none can run here). node:https with a serving certificate
// from the cluster's generated Kubernetes CA; it requires a client certificate from that CA and,
// like RBAC for the endpoints used here, only lets the system:masters group in. It serves /readyz,
// /version, legacy discovery (/api, /apis, /api/v1) and /api/v1/nodes in the real JSON shapes
// (a NodeList, or a meta.k8s.io/v1 Table when kubectl asks for one).
import { createServer, type Server } from "node:https";
import type { TLSSocket } from "node:tls";
import type { CertAndKey } from "@/lib/domain/talos/certificates";
import { keyObjectFromPem } from "@/lib/domain/talos/keys";
import { issueLeafCertificate } from "@/lib/domain/talos/leaf-certificate";

export type StandInNode = { name: string; ip: string; ready: boolean; kubeletVersion?: string; controlPlane?: boolean };

export type KubernetesStandIn = {
  port: number;
  requests: string[];
  setNodes: (nodes: StandInNode[]) => void;
  setReady: (ready: boolean) => void;
  close: () => Promise<void>;
};

const created = "2026-01-01T00:00:00Z";

const nodeObject = (node: StandInNode) => ({
  kind: "Node",
  apiVersion: "v1",
  metadata: {
    name: node.name,
    uid: `uid-${node.name}`,
    creationTimestamp: created,
    labels: { "kubernetes.io/hostname": node.name, ...(node.controlPlane ? { "node-role.kubernetes.io/control-plane": "" } : {}) },
  },
  spec: {},
  status: {
    conditions: [
      { type: "MemoryPressure", status: "False", reason: "KubeletHasSufficientMemory" },
      { type: "Ready", status: node.ready ? "True" : "False", reason: node.ready ? "KubeletReady" : "KubeletNotReady" },
    ],
    addresses: [{ type: "InternalIP", address: node.ip }, { type: "Hostname", address: node.name }],
    nodeInfo: { kubeletVersion: node.kubeletVersion ?? "v1.34.1", osImage: "Talos (v1.11.6)" },
  },
});

const table = (nodes: StandInNode[]) => ({
  kind: "Table",
  apiVersion: "meta.k8s.io/v1",
  metadata: { resourceVersion: "1" },
  columnDefinitions: [
    { name: "Name", type: "string", format: "name", description: "Name", priority: 0 },
    { name: "Status", type: "string", format: "", description: "Node status", priority: 0 },
    { name: "Roles", type: "string", format: "", description: "Node roles", priority: 0 },
    { name: "Age", type: "string", format: "", description: "Age", priority: 0 },
    { name: "Version", type: "string", format: "", description: "Kubelet version", priority: 0 },
  ],
  rows: nodes.map((node) => ({
    cells: [node.name, node.ready ? "Ready" : "NotReady", node.controlPlane ? "control-plane" : "<none>", "1d", node.kubeletVersion ?? "v1.34.1"],
    object: { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: nodeObject(node).metadata },
  })),
});

export const startKubernetesStandIn = async ({ k8sCa, address = "127.0.0.1" }: { k8sCa: CertAndKey; address?: string }): Promise<KubernetesStandIn> => {
  let nodes: StandInNode[] = [];
  let ready = true;
  const requests: string[] = [];
  const serving = await issueLeafCertificate({ ca: k8sCa, commonName: "kube-apiserver", usage: "server", ipAddresses: [address], dnsNames: ["localhost"], lifetimeMs: 3_600_000 });
  const server: Server = createServer(
    {
      cert: serving.crt,
      key: keyObjectFromPem(serving.key).export({ type: "pkcs8", format: "pem" }).toString(),
      ca: k8sCa.crt,
      requestCert: true,
      rejectUnauthorized: true,
    },
    (req, res) => {
      const url = new URL(req.url ?? "/", "https://stand-in");
      requests.push(url.pathname);
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": typeof body === "string" ? "text/plain" : "application/json" });
        res.end(typeof body === "string" ? body : JSON.stringify(body));
      };
      const groups = (req.socket as TLSSocket).getPeerCertificate().subject?.O;
      const orgs = Array.isArray(groups) ? groups : groups ? [groups] : [];
      if (!orgs.includes("system:masters")) {
        return send(403, { kind: "Status", apiVersion: "v1", status: "Failure", message: "forbidden", reason: "Forbidden", code: 403 });
      }
      switch (url.pathname) {
        case "/readyz":
          return ready ? send(200, "ok") : send(500, "[-]etcd failed: reason withheld\nreadyz check failed");
        case "/version":
          return send(200, { major: "1", minor: "34", gitVersion: "v1.34.1", platform: "linux/amd64" });
        case "/api":
          return send(200, { kind: "APIVersions", versions: ["v1"], serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: `${address}:443` }] });
        case "/apis":
          return send(200, { kind: "APIGroupList", apiVersion: "v1", groups: [] });
        case "/api/v1":
          return send(200, {
            kind: "APIResourceList", groupVersion: "v1",
            resources: [{ name: "nodes", singularName: "node", namespaced: false, kind: "Node", verbs: ["get", "list", "watch"], shortNames: ["no"] }],
          });
        case "/api/v1/nodes":
          if ((req.headers.accept ?? "").includes("as=Table")) return send(200, table(nodes));
          return send(200, { kind: "NodeList", apiVersion: "v1", metadata: { resourceVersion: "1" }, items: nodes.map(nodeObject) });
        default:
          return send(404, { kind: "Status", apiVersion: "v1", status: "Failure", message: "not found", reason: "NotFound", code: 404 });
      }
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, address, () => resolve((server.address() as { port: number }).port));
  });

  return {
    port,
    requests,
    setNodes: (next) => {
      nodes = next;
    },
    setReady: (next) => {
      ready = next;
    },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
};
