import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { systemActor } from "@/lib/auth/principal";
import { paths } from "@/lib/paths";
import { applyNetworkSettings } from "@/lib/services/network";
import { createNetworkSettings } from "@/lib/services/network";

// A web app on a machine without dnsmasq still applies (the worker's host tests before it starts
// dnsmasq): the answer says the test was skipped. env() is read lazily, so this applies to the file.
process.env.KTIZO_DNSMASQ = "/nonexistent/dnsmasq";

describe("apply without a dnsmasq binary", () => {
  it("writes the config and reports dnsmasqTest: skipped", async () => {
    await createNetworkSettings(
      { interface: "eth0", serverIp: "10.41.0.2", httpBaseUrl: "http://10.41.0.2:3100", dhcpRangeStart: "10.41.0.100", dhcpRangeEnd: "10.41.0.150" },
      { actor: systemActor },
    );
    const result = await applyNetworkSettings({ actor: systemActor });
    expect(result.dnsmasqTest).toBe("skipped");
    expect(existsSync(paths().dnsmasqConf)).toBe(true);
  });
});
