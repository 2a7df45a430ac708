import type { APIRequestContext } from "@playwright/test";
import { expect } from "./fixtures";

// Shared by the specs that play a PXE-booting machine over HTTP.
export const randomMac = (): string =>
  ["52", "54", "00", ...Array.from({ length: 3 }, () => Math.floor(Math.random() * 256).toString(16).padStart(2, "0"))].join(":");

export type NetworkJson = { id: string; serverIp: string; httpBaseUrl: string; identityCheck: string };

// The "machine" in these specs is the test on loopback: no neighbour table or DHCP lease can bind
// its address to the MAC it claims, so they run with identityCheck ip-only (the token is bound to
// 127.0.0.1). The binding itself is tested on real L2 segments in tests/net/identity-*.test.ts.
const identityCheck = "ip-only";

// Other specs may have saved settings already; reuse them, otherwise save a lab network.
export const ensureNetwork = async (api: APIRequestContext): Promise<NetworkJson> => {
  const existing = await api.get("/api/v1/network/settings");
  if (existing.status() === 200) {
    const saved = (await existing.json()) as NetworkJson;
    if (saved.identityCheck === identityCheck) return saved;
    const updated = await api.put(`/api/v1/network/settings/${saved.id}`, { data: { identityCheck } });
    expect(updated.status(), await updated.text()).toBe(200);

    return (await updated.json()) as NetworkJson;
  }
  const created = await api.post("/api/v1/network/settings", {
    data: { interface: "eth0", serverIp: "10.77.0.2", httpBaseUrl: "http://10.77.0.2:3100", dhcpRangeStart: "10.77.0.100", dhcpRangeEnd: "10.77.0.200", gateway: "10.77.0.1", dnsServers: ["10.77.0.1"], identityCheck },
  });
  expect(created.status(), await created.text()).toBe(201);

  return (await created.json()) as NetworkJson;
};

export const ensureClusterConfig = async (api: APIRequestContext): Promise<void> => {
  let settings = await api.get("/api/v1/cluster/settings");
  if (settings.status() === 404) {
    const created = await api.post("/api/v1/cluster/settings", { data: { name: "e2e", endpoint: "https://10.77.0.10:6443" } });
    expect(created.status(), await created.text()).toBe(201);
    settings = await api.get("/api/v1/cluster/settings");
  }
  if ((await settings.json()).generatedAt) return;
  await api.post("/api/v1/cluster/secrets/generate");
  const generated = await api.post("/api/v1/cluster/config/generate");
  expect(generated.status(), await generated.text()).toBe(200);
};
