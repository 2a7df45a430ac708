import { Counter, Gauge, Histogram, Registry } from "prom-client";

// One registry per process, kept on globalThis so Next's dev reloads and several module copies
// (route bundles, instrumentation) share the same counters instead of each starting at zero.
export type KtizoMetrics = {
  registry: Registry;
  httpRequests: Counter<"method" | "route" | "status">;
  httpDuration: Histogram<"method" | "route" | "status">;
  ipxeScripts: Counter<"kind">;
  configDownloads: Counter<"result">;
  configRefusals: Counter<"reason">;
  identityMismatches: Counter<"stage">;
  oauthRefusals: Counter<"endpoint" | "error">;
  approvalSeconds: Histogram<"actor">;
  webhookDeliveries: Counter<"result">;
  devices: Gauge<"status">;
  webhookOutbox: Gauge<"status">;
  workerUp: Gauge;
  workerHeartbeatAge: Gauge;
  dnsmasqState: Gauge<"state">;
  dnsmasqRestarts: Gauge;
  clusterHealthy: Gauge;
  clusterBootstrapped: Gauge;
  clusterApiReady: Gauge;
  clusterNodes: Gauge<"stage">;
  registrationsRefused: Counter<"reason">;
  heldDownloads: Gauge;
  workerJobRuns: Counter<"job">;
  workerJobFailures: Counter<"job">;
};

const createMetrics = (): KtizoMetrics => {
  const registry = new Registry();
  const registers = [registry];

  return {
    registry,
    httpRequests: new Counter({ name: "ktizo_http_requests_total", help: "HTTP requests by route template, method and status", labelNames: ["method", "route", "status"], registers }),
    httpDuration: new Histogram({
      name: "ktizo_http_request_duration_seconds",
      help: "HTTP request duration by route template, method and status",
      labelNames: ["method", "route", "status"],
      // iPXE and config requests are a few ms; held config downloads wait up to a minute.
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    }),
    ipxeScripts: new Counter({ name: "ktizo_ipxe_scripts_total", help: "iPXE scripts served, by kind (talos, waiting, rejected, exit, not-ready, entry)", labelNames: ["kind"], registers }),
    configDownloads: new Counter({ name: "ktizo_config_downloads_total", help: "Talos config download requests by result (served, refused, not_ready)", labelNames: ["result"], registers }),
    configRefusals: new Counter({
      name: "ktizo_config_refusals_total",
      help: "Refused config downloads by reason (unknown-device, pending, rejected, local, used, expired, not-current, wrong-device, wrong-ip, unverified, no-token, provisioned)",
      labelNames: ["reason"],
      registers,
    }),
    oauthRefusals: new Counter({
      name: "ktizo_oauth_refusals_total",
      help: "Refused console-code OAuth requests by endpoint (device, token) and RFC 8628 error",
      labelNames: ["endpoint", "error"],
      registers,
    }),
    identityMismatches: new Counter({
      name: "ktizo_identity_mismatches_total",
      help: "Boot requests whose source address is bound to another MAC, by stage (script, download, register)",
      labelNames: ["stage"],
      registers,
    }),
    approvalSeconds: new Histogram({
      name: "ktizo_device_approval_seconds",
      help: "Time from a device's registration to its approval, by actor type (user, token, rule)",
      labelNames: ["actor"],
      // From a rule's instant approval to an admin getting to it the next day.
      buckets: [0.1, 1, 10, 60, 300, 900, 3600, 4 * 3600, 24 * 3600, 7 * 24 * 3600],
      registers,
    }),
    webhookDeliveries: new Counter({ name: "ktizo_webhook_deliveries_total", help: "Webhook delivery attempts by result (delivered, retry, failed)", labelNames: ["result"], registers }),
    devices: new Gauge({ name: "ktizo_devices", help: "Devices by status (read from the database at scrape time)", labelNames: ["status"], registers }),
    webhookOutbox: new Gauge({ name: "ktizo_webhook_outbox", help: "Webhook deliveries in the outbox by status (database, at scrape time)", labelNames: ["status"], registers }),
    workerUp: new Gauge({ name: "ktizo_worker_up", help: "1 when the worker's heartbeat is fresh", registers }),
    workerHeartbeatAge: new Gauge({ name: "ktizo_worker_heartbeat_age_seconds", help: "Age of the worker's last heartbeat (-1 when it never wrote one)", registers }),
    dnsmasqState: new Gauge({ name: "ktizo_dnsmasq_state", help: "1 for the dnsmasq state the worker last reported", labelNames: ["state"], registers }),
    dnsmasqRestarts: new Gauge({ name: "ktizo_dnsmasq_restarts", help: "dnsmasq restarts the worker reported", registers }),
    clusterHealthy: new Gauge({ name: "ktizo_cluster_healthy", help: "1 when every node is Kubernetes Ready, etcd has every control plane and /readyz answers", registers }),
    clusterBootstrapped: new Gauge({ name: "ktizo_cluster_bootstrapped", help: "1 once etcd was bootstrapped on the first control plane", registers }),
    clusterApiReady: new Gauge({ name: "ktizo_cluster_api_ready", help: "1 when the Kubernetes API's /readyz answered 200 at the last collection", registers }),
    clusterNodes: new Gauge({ name: "ktizo_cluster_nodes", help: "Approved devices by stage (installing, booting, running, ready)", labelNames: ["stage"], registers }),
    registrationsRefused: new Counter({ name: "ktizo_registrations_refused_total", help: "New-MAC registrations refused, by reason (rate_limited, pending_cap)", labelNames: ["reason"], registers }),
    heldDownloads: new Gauge({ name: "ktizo_held_config_downloads", help: "Config downloads of pending devices held open in this process", registers }),
    workerJobRuns: new Counter({ name: "ktizo_worker_job_runs_total", help: "Runs of each worker job (worker/jobs/) since the worker started, from its status file", labelNames: ["job"], registers }),
    workerJobFailures: new Counter({ name: "ktizo_worker_job_failures_total", help: "Failed runs of each worker job since the worker started (the cause is in the worker's log), from its status file", labelNames: ["job"], registers }),
  };
};

const globalForMetrics = globalThis as unknown as { ktizoMetrics?: KtizoMetrics };

export const metrics = (): KtizoMetrics => (globalForMetrics.ktizoMetrics ??= createMetrics());
