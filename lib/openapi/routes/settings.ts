import { clusterSettingsSchema, generateConfigSchema, generateSecretsSchema, importSecretsSchema, updateClusterSettingsSchema } from "@/lib/schemas/cluster";
import { networkSettingsSchema, updateNetworkSettingsSchema } from "@/lib/schemas/network";
import { startAssetImportSchema } from "@/lib/schemas/asset";
import { bootstrapRequestSchema, bootstrapResponseSchema, clusterHealthSchema, kubeconfigQuerySchema } from "@/lib/schemas/cluster-health";
import {
  assetImportListShape,
  assetImportShape,
  clusterSettingsShape,
  configGeneratedShape,
  generatedAtShape,
  networkAppliedShape,
  networkSettingsShape,
} from "@/lib/openapi/response-shapes";
import { ok, text, type RouteDoc } from "@/lib/openapi/route-doc";

const exists = { 409: { description: "already exists (use PUT)" } };

export const settingsRoutes: RouteDoc[] = [
  { method: "get", path: "/api/v1/cluster/settings", tag: "Cluster", auth: "admin", summary: "Current cluster settings (404 before any exist)", responses: ok("settings", clusterSettingsShape) },
  { method: "post", path: "/api/v1/cluster/settings", tag: "Cluster", auth: "admin", summary: "Create the cluster settings", body: clusterSettingsSchema, responses: { ...ok("created", clusterSettingsShape, 201), ...exists } },
  { method: "put", path: "/api/v1/cluster/settings/{id}", tag: "Cluster", auth: "admin", summary: "Update any subset of the cluster settings", body: updateClusterSettingsSchema, responses: ok("updated", clusterSettingsShape) },
  { method: "post", path: "/api/v1/cluster/secrets/generate", tag: "Cluster", auth: "admin", summary: "Generate a secrets bundle (force replaces one)", body: generateSecretsSchema, responses: { ...ok("generated", generatedAtShape), 409: { description: "secrets exist; pass force" } } },
  { method: "post", path: "/api/v1/cluster/secrets/import", tag: "Cluster", auth: "admin", summary: "Import a talosctl secrets.yaml", body: importSecretsSchema, responses: ok("imported", generatedAtShape) },
  { method: "get", path: "/api/v1/cluster/secrets/export", tag: "Cluster", auth: "admin", summary: "secrets.yaml as talosctl writes it (logged)", responses: { 200: text("secrets.yaml", "application/yaml") } },
  { method: "post", path: "/api/v1/cluster/config/generate", tag: "Cluster", auth: "admin", summary: "Generate and validate controlplane/worker configs", body: generateConfigSchema, responses: ok("generated", configGeneratedShape) },
  { method: "get", path: "/api/v1/cluster/talosconfig", tag: "Cluster", auth: "admin", summary: "talosconfig for the admin client (endpoints = approved control planes)", responses: { 200: text("talosconfig", "application/yaml") } },
  { method: "get", path: "/api/v1/cluster/kubeconfig", tag: "Cluster", auth: "admin", summary: "Admin kubeconfig with a fresh O=system:masters client certificate (logged)", query: kubeconfigQuerySchema, responses: { 200: text("kubeconfig", "application/yaml") } },
  { method: "get", path: "/api/v1/cluster/health", tag: "Cluster", auth: "admin", summary: "Cluster state (what it waits for) and one row per node", responses: ok("health", clusterHealthSchema) },
  { method: "post", path: "/api/v1/cluster/bootstrap", tag: "Cluster", auth: "admin", summary: "Bootstrap etcd on the first provisioned control plane now (once per cluster)", body: bootstrapRequestSchema, responses: { ...ok("bootstrapped", bootstrapResponseSchema), 409: { description: "already bootstrapped, a bootstrap is in progress, or no control plane has downloaded its config yet" }, 502: { description: "Talos refused the bootstrap (its message); automatic retries stop" }, 503: { description: "the node is not ready for it yet (Talos's message)" } } },
  { method: "get", path: "/api/v1/network/settings", tag: "Network", auth: "admin", summary: "Current network settings (404 before any exist)", responses: ok("settings", networkSettingsShape) },
  { method: "post", path: "/api/v1/network/settings", tag: "Network", auth: "admin", summary: "Create the network settings", body: networkSettingsSchema, responses: { ...ok("created", networkSettingsShape, 201), ...exists } },
  { method: "put", path: "/api/v1/network/settings/{id}", tag: "Network", auth: "admin", summary: "Update any subset of the network settings", body: updateNetworkSettingsSchema, responses: ok("updated", networkSettingsShape) },
  { method: "post", path: "/api/v1/network/settings/apply", tag: "Network", auth: "admin", summary: "Render, test with dnsmasq --test, write atomically", responses: { ...ok("applied", networkAppliedShape), 502: { description: "dnsmasq --test failed; nothing written" } } },
  { method: "get", path: "/api/v1/assets/imports", tag: "Network", auth: "admin", summary: "Boot asset imports with progress, and the assets on disk", responses: ok("imports", assetImportListShape) },
  { method: "post", path: "/api/v1/assets/imports", tag: "Network", auth: "admin", summary: "Start a background download of a boot asset", body: startAssetImportSchema, responses: ok("started", assetImportShape, 202) },
  { method: "get", path: "/api/v1/assets/imports/{id}", tag: "Network", auth: "admin", summary: "One import: status, progress, sha256, error", responses: ok("the import", assetImportShape) },
];
