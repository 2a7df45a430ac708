import { describe, expect, it } from "vitest";
import { loadWorkerConfig } from "@/worker/config";

describe("loadWorkerConfig", () => {
  it("has defaults that react within a second and stay below the web's 15 s stale limit", () => {
    const config = loadWorkerConfig({ KTIZO_ROOT: "/srv/ktizo" });

    expect(config.dnsmasq).toEqual({ command: "dnsmasq", prefix: [] });
    expect(config.debounceMs + config.writeStableMs).toBeLessThan(1_000);
    expect(config.heartbeatMs).toBeLessThan(15_000 / 3);
    expect(config.paths.dnsmasqConf).toBe("/srv/ktizo/compiled/dnsmasq/dnsmasq.conf");
  });

  it("splits the command prefix into words", () => {
    expect(loadWorkerConfig({ KTIZO_DNSMASQ_PREFIX: " ip  netns exec lab " }).dnsmasq.prefix).toEqual(["ip", "netns", "exec", "lab"]);
  });

  it.each([["KTIZO_WORKER_DEBOUNCE_MS", "-1"], ["KTIZO_WORKER_MAX_FAILURES", "0"], ["KTIZO_WORKER_HEARTBEAT_MS", "soon"], ["KTIZO_DNSMASQ", ""]])(
    "rejects %s=%j",
    (name, value) => {
      expect(() => loadWorkerConfig({ [name]: value })).toThrow();
    },
  );
});
