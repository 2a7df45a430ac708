import { describe, expect, it } from "vitest";
import { orderLikeTalos } from "@/lib/domain/talos/order-like-talos";

describe("orderLikeTalos", () => {
  it("puts struct fields in Go field order, with persist after debug", () => {
    const doc = orderLikeTalos({ cluster: {}, machine: { nodeLabels: {}, install: {}, type: "worker" }, persist: true, version: "v1alpha1", debug: false });
    expect(Object.keys(doc)).toEqual(["version", "debug", "persist", "machine", "cluster"]);
    expect(Object.keys(doc.machine as object)).toEqual(["type", "install", "nodeLabels"]);
  });

  it("sorts Go maps and untyped objects, recursing with the map's value type", () => {
    const doc = orderLikeTalos({
      machine: { nodeLabels: { zone: "a", app: "b" }, registries: { mirrors: { "z.io": { endpoints: ["x"], skipFallback: true }, "a.io": { skipFallback: false, endpoints: ["y"] } } } },
      cluster: { network: { serviceSubnets: ["s"], cni: { urls: ["u"], name: "custom" }, dnsDomain: "d" }, apiServer: { auditPolicy: { rules: [], kind: "Policy", apiVersion: "v1" } } },
    });
    expect(Object.keys((doc.machine as { nodeLabels: object }).nodeLabels)).toEqual(["app", "zone"]);
    const mirrors = (doc.machine as { registries: { mirrors: Record<string, object> } }).registries.mirrors;
    expect(Object.keys(mirrors)).toEqual(["a.io", "z.io"]);
    expect(Object.keys(mirrors["a.io"] ?? {})).toEqual(["endpoints", "skipFallback"]);
    const cluster = doc.cluster as { network: { cni: object }; apiServer: { auditPolicy: object } };
    expect(Object.keys(cluster.network)).toEqual(["cni", "dnsDomain", "serviceSubnets"]);
    expect(Object.keys(cluster.network.cni)).toEqual(["name", "urls"]);
    expect(Object.keys(cluster.apiServer.auditPolicy)).toEqual(["apiVersion", "kind", "rules"]);
  });

  it("keeps keys the schema does not know, after the known ones", () => {
    const doc = orderLikeTalos({ machine: { disks: [], type: "worker" } });
    expect(Object.keys(doc.machine as object)).toEqual(["type", "disks"]);
  });
});
