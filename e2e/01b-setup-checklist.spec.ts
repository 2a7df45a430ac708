import { expect, test } from "./fixtures";

// Runs right after 01-auth, on a database with only the admin: the Overview's checklist starts
// empty and turns green step by step as the admin configures the cluster and a machine boots.
// (The e2e server runs no worker, so the network step stays open with the reason.)
test("the setup checklist turns green step by step", async ({ adminPage: page, adminApi, playwright, baseURL }, testInfo) => {
  const step = (key: string) => page.getByTestId(`setup-step-${key}`);
  await page.goto("/");
  await expect(page.getByTestId("setup-checklist")).toBeVisible();
  for (const key of ["cluster", "secrets", "config", "network", "assets", "machine"]) await expect(step(key)).toHaveAttribute("data-done", "false");
  await expect(step("cluster").getByRole("link", { name: "Cluster configured" })).toHaveAttribute("href", "/cluster");
  await page.screenshot({ path: testInfo.outputPath("checklist-empty.png"), fullPage: true });

  const created = await adminApi.post("/api/v1/cluster/settings", { data: { name: "e2e", endpoint: "https://10.77.0.10:6443" } });
  expect(created.status(), await created.text()).toBe(201);
  await page.reload();
  await expect(step("cluster")).toHaveAttribute("data-done", "true");
  // The default asset source is the Image Factory: assets are pulled through on first boot.
  await expect(step("assets")).toHaveAttribute("data-done", "true");
  await expect(step("secrets")).toHaveAttribute("data-done", "false");

  expect((await adminApi.post("/api/v1/cluster/secrets/generate")).status()).toBe(200);
  await page.reload();
  await expect(step("secrets")).toHaveAttribute("data-done", "true");
  await expect(step("config")).toHaveAttribute("data-done", "false");

  expect((await adminApi.post("/api/v1/cluster/config/generate")).status()).toBe(200);
  await page.reload();
  await expect(step("config")).toHaveAttribute("data-done", "true");

  const machine = await playwright.request.newContext({ baseURL });
  expect((await machine.get("/api/v1/boot/ipxe?mac=52:54:00:0b:00:01")).status()).toBe(200);
  await machine.dispose();
  await page.reload();
  await expect(step("machine")).toHaveAttribute("data-done", "true");
  await expect(step("network")).toHaveAttribute("data-done", "false");
  await expect(page.getByTestId("setup-checklist")).toContainText("5 of 6 done");
  await page.screenshot({ path: testInfo.outputPath("checklist-five.png"), fullPage: true });
});
