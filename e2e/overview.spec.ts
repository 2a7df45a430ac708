import { expect, test } from "./fixtures";

const randomMac = (): string =>
  ["52", "54", "00", ...Array.from({ length: 3 }, () => Math.floor(Math.random() * 256).toString(16).padStart(2, "0"))].join(":");

// The rack grid on the Overview changes color live: a machine that PXE-boots appears as pending,
// turns approved when the admin approves it (through the API here), and its cell opens the device.
test("the rack grid shows a machine registering and being approved, live", async ({ adminPage: page, adminApi, playwright, baseURL }, testInfo) => {
  await page.goto("/");
  await expect(page.getByTestId("rack-grid")).toBeVisible();

  const machine = await playwright.request.newContext({ baseURL });
  const mac = randomMac();
  expect((await machine.get(`/api/v1/boot/ipxe?mac=${mac}`)).status()).toBe(200);
  await machine.dispose();

  const cell = page.locator(`[data-testid="rack-cell"][data-mac="${mac}"]`);
  await expect(cell).toHaveAttribute("data-stage", "pending", { timeout: 10_000 });
  await expect(cell).toHaveClass(/bg-amber-400/);

  const found = await (await adminApi.get(`/api/v1/devices?q=${encodeURIComponent(mac)}`)).json();
  const id = found.items[0].id as string;
  const approved = await adminApi.post(`/api/v1/devices/${id}/approve`, { data: { role: "worker" } });
  expect(approved.status(), await approved.text()).toBe(200);
  await expect(cell).toHaveAttribute("data-stage", "approved", { timeout: 10_000 });
  await expect(cell).toHaveClass(/bg-sky-300/);
  await expect(page.getByTestId("rack-count-approved")).not.toHaveText("0");
  await page.screenshot({ path: testInfo.outputPath("overview-rack.png"), fullPage: true });

  await cell.click();
  await expect(page).toHaveURL(new RegExp(`/devices/${id}$`));
});
