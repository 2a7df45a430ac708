import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures";

// The boot chain through the UI: the test plays a PXE-booting machine over HTTP (no login), the
// admin approves it on the Devices page, and the machine then gets Talos and its config.
const randomMac = (): string =>
  ["52", "54", "00", ...Array.from({ length: 3 }, () => Math.floor(Math.random() * 256).toString(16).padStart(2, "0"))].join(":");

type NetworkJson = { id: string; serverIp: string; httpBaseUrl: string; identityCheck: string };

// The "machine" here is this test on loopback: no neighbour table or DHCP lease can bind its
// address to the MAC it claims, so the spec runs with identityCheck ip-only (the token is bound to
// 127.0.0.1). The binding itself is tested on real L2 segments in tests/net/identity-*.test.ts.
const identityCheck = "ip-only";

// Other specs may have saved settings already; reuse them, otherwise save a lab network.
const ensureNetwork = async (api: APIRequestContext): Promise<NetworkJson> => {
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

const ensureClusterConfig = async (api: APIRequestContext): Promise<void> => {
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

test("a PXE-booting machine appears live, is approved in the UI, boots Talos and downloads its config", async ({ adminPage: page, adminApi, playwright, baseURL }) => {
  const network = await ensureNetwork(adminApi);
  await ensureClusterConfig(adminApi);
  const machine = await playwright.request.newContext({ baseURL });
  const mac = randomMac();
  const hostname = `e2e-${mac.slice(-5).replace(":", "")}`;
  const ipAddress = `${network.serverIp.split(".").slice(0, 3).join(".")}.${20 + Math.floor(Math.random() * 60)}`;
  const bootUrl = `/api/v1/boot/ipxe?mac=${mac.replace(/:/g, "-").toUpperCase()}&uuid=&serial=E2E-1&arch=x86_64`;

  await page.goto("/devices");
  await expect(page.getByTestId("devices-table")).toBeVisible();

  const first = await machine.get(bootUrl);
  expect(first.status()).toBe(200);
  expect(await first.text()).toContain(`${mac} is waiting for approval`);
  const seenAt = Date.now();

  // No reload: the table polls.
  const row = page.locator(`[data-testid="device-row"][data-mac="${mac}"]`);
  await expect(row).toBeVisible({ timeout: 3_000 });
  expect(Date.now() - seenAt).toBeLessThan(3_000);
  await expect(row).toHaveAttribute("data-status", "pending");

  await row.getByTestId("approve-device").click();
  const dialog = page.getByTestId("approve-dialog");
  await dialog.getByTestId("input-role").selectOption("worker");
  await dialog.getByTestId("input-hostname").fill(hostname);
  await dialog.getByTestId("input-ipAddress").fill(ipAddress);
  await dialog.getByTestId("approve-submit").click();
  await expect(dialog).toBeHidden();
  await expect(row).toHaveAttribute("data-status", "approved");
  await expect(row).toContainText(hostname);
  await expect(row).toContainText(ipAddress);

  const talos = await (await machine.get(bootUrl)).text();
  expect(talos).toMatch(/^kernel http:\/\/\S+\/vmlinuz-amd64 talos\.platform=metal .* initrd=initramfs-amd64\.xz .*talos\.config=/m);
  const configUrl = new URL(talos.match(/ talos\.config=(\S+)/)![1]!);
  expect(configUrl.href.startsWith(network.httpBaseUrl)).toBe(true);

  const config = await machine.get(`${configUrl.pathname}${configUrl.search}`);
  expect(config.status()).toBe(200);
  expect(config.headers()["content-type"]).toMatch(/^application\/yaml/);
  const yaml = await config.text();
  expect(yaml).toContain(`hostname: ${hostname}`);
  expect(yaml).toContain(`${ipAddress}/`);

  // Provisioned: the next PXE boot goes to disk, and the token is spent.
  expect(await (await machine.get(bootUrl)).text()).toContain("booting from the local disk");
  expect((await machine.get(`${configUrl.pathname}${configUrl.search}`)).status()).toBe(403);
  await machine.dispose();

  // Device detail: the timeline tells the story, the config preview hides every secret.
  await row.getByRole("link", { name: mac }).click();
  await expect(page.getByTestId("device-detail")).toBeVisible();
  for (const type of ["device.registered", "device.approved", "boot.script_served", "config.downloaded", "device.provisioned"]) {
    await expect(page.locator(`[data-testid="timeline-event"][data-event-type="${type}"]`).first()).toBeVisible();
  }
  await expect(page.getByTestId("device-status")).toHaveText("provisioned");
  const preview = page.getByTestId("config-yaml");
  await expect(preview).toContainText(`hostname: ${hostname}`);
  await expect(preview).toContainText("***");
  await expect(preview).not.toContainText("PRIVATE KEY");
});

test("search finds a device by any MAC spelling; bulk reject from the table", async ({ adminPage: page, playwright, baseURL }) => {
  const machine = await playwright.request.newContext({ baseURL });
  const macs = [randomMac(), randomMac()];
  for (const mac of macs) expect((await machine.get(`/api/v1/boot/ipxe?mac=${mac}`)).status()).toBe(200);
  await machine.dispose();

  await page.goto("/devices");
  await page.getByTestId("device-search").fill(macs[0]!.replace(/:/g, "").toUpperCase());
  const rows = page.getByTestId("device-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-mac", macs[0]!);

  // A search the API refuses says why instead of "No devices".
  await page.getByTestId("device-search").fill("x".repeat(101));
  await expect(page.getByTestId("devices-error")).toContainText("Search is longer than 100 characters");
  await expect(rows).toHaveCount(0);
  await expect(page.getByText("No devices.")).toHaveCount(0);

  await page.getByTestId("device-search").fill("");
  await page.getByTestId("status-filter").selectOption("pending");
  for (const mac of macs) await page.locator(`[data-testid="device-row"][data-mac="${mac}"]`).getByTestId("select-device").check();
  await expect(page.getByTestId("bulk-count")).toHaveText("2 selected");
  await page.getByTestId("bulk-reject").click();
  for (const mac of macs) await expect(page.locator(`[data-testid="device-row"][data-mac="${mac}"]`)).toHaveCount(0);
  await page.getByTestId("status-filter").selectOption("rejected");
  for (const mac of macs) await expect(page.locator(`[data-testid="device-row"][data-mac="${mac}"]`)).toBeVisible();
});

test("Overview shows the pending queue and approves from it", async ({ adminPage: page, playwright, baseURL }) => {
  const machine = await playwright.request.newContext({ baseURL });
  const mac = randomMac();
  await machine.get(`/api/v1/boot/ipxe?mac=${mac}&arch=arm64`);
  await machine.dispose();

  await page.goto("/");
  const item = page.locator(`[data-testid="pending-device"][data-mac="${mac}"]`);
  await expect(item).toBeVisible();
  await item.getByTestId("pending-approve").click();
  await page.getByTestId("approve-dialog").getByTestId("approve-submit").click();
  await expect(item).toHaveCount(0);
  await expect(page.getByTestId("count-approved")).not.toContainText(/^Approved0$/);
});
