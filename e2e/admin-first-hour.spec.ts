import { expect, test, ensureAdmin, e2eAdmin } from "./fixtures";
import { ensureClusterConfig, ensureNetwork, randomMac } from "./lab-setup";

// What an admin sees in the first hour: a failed sign-in keeps the username, errors stand next to
// their field in plain words (once each), the approve dialog marks its field, a taken rule name is
// refused on the Name field, a new token can be copied, and the device page tells its boot story
// as a timeline. Screenshots go to reports/e2e-shots/ (looked at by hand).
const shot = (name: string) => `reports/e2e-shots/${name}.png`;

test("a failed sign-in keeps the username and asks only for the password again", async ({ page, request }) => {
  await ensureAdmin(request);
  await page.goto("/login");
  await page.getByLabel("Username").fill(e2eAdmin.username);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("login-error")).toHaveText("Invalid username or password.");
  await expect(page.getByLabel("Username")).toHaveValue(e2eAdmin.username);
  await expect(page.getByLabel("Password")).toHaveValue("");
  await page.screenshot({ path: shot("login-kept-username") });
  // The browser can submit again at once: only the password is typed.
  await page.getByLabel("Password").fill(e2eAdmin.password);
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("current-user")).toHaveText(e2eAdmin.username);
});

test("form errors stand next to their field, in plain words, once, and the typed values stay", async ({ adminPage: page }) => {
  await page.goto("/rules");
  const form = page.getByTestId("rule-form");
  await form.getByLabel("Name", { exact: true }).fill("e2e bounds");
  await form.getByLabel("Priority (lower first)").fill("100001");
  await form.getByLabel("IP pool start").fill("10.77.0");
  await form.getByTestId("rule-submit").click();
  await expect(page.getByTestId("priority-error")).toHaveText("Priority must be at most 100,000.");
  await expect(page.getByTestId("ipPoolStart-error")).toHaveText("IP pool start must be an IPv4 address.");
  await expect(form.getByLabel("Priority (lower first)")).toHaveAttribute("aria-invalid", "true");
  // The typed values are still there, not reset to the defaults.
  await expect(form.getByLabel("Priority (lower first)")).toHaveValue("100001");
  await expect(form.getByLabel("Name", { exact: true })).toHaveValue("e2e bounds");
  await expect(page.getByText(/Too big|9007199254740991|ipPoolStart/)).toHaveCount(0);
  await page.screenshot({ path: shot("rule-form-errors"), fullPage: true });

  // The new-rule defaults save with only a name; the same name again is refused on the Name field.
  const name = `e2e rule ${Date.now()}`;
  for (const attempt of [1, 2]) {
    await page.goto("/rules");
    await page.getByTestId("rule-form").getByLabel("Name", { exact: true }).fill(attempt === 1 ? name : name.toUpperCase());
    await page.getByTestId("rule-submit").click();
    if (attempt === 1) await expect(page.getByTestId("rule-saved")).toBeVisible();
  }
  await expect(page.getByTestId("name-error")).toHaveText(`A rule named ${name} already exists: choose another name.`);
  await page.screenshot({ path: shot("rule-duplicate-name"), fullPage: true });
});

test("the approve dialog marks the field the API refused", async ({ adminPage: page, adminApi, playwright, baseURL }) => {
  await ensureNetwork(adminApi);
  const machine = await playwright.request.newContext({ baseURL });
  const mac = randomMac();
  expect((await machine.get(`/api/v1/boot/ipxe?mac=${mac.replace(/:/g, "-")}&arch=x86_64`)).status()).toBe(200);
  await machine.dispose();
  await page.goto("/devices");
  const row = page.locator(`[data-testid="device-row"][data-mac="${mac}"]`);
  await row.getByTestId("approve-device").click();
  const dialog = page.getByTestId("approve-dialog");
  await dialog.getByTestId("input-hostname").fill("bad_name");
  await dialog.getByTestId("approve-submit").click();
  await expect(dialog.getByTestId("hostname-error")).toContainText(/^Hostname /);
  await expect(dialog.getByTestId("input-hostname")).toHaveAttribute("aria-invalid", "true");
  await expect(dialog.getByTestId("input-hostname")).toHaveValue("bad_name");
  await page.screenshot({ path: shot("approve-dialog-field-error") });
});

test("a new API token has a copy button", async ({ adminPage: page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/tokens");
  await page.getByLabel("New token name").fill(`e2e copy ${Date.now()}`.slice(0, 64));
  await page.getByTestId("create-token-submit").click();
  const token = (await page.getByTestId("new-token-value").textContent())?.trim() ?? "";
  await page.getByTestId("copy-token").click();
  await expect(page.getByTestId("copy-token")).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
});

test("the device page shows its boot story as a timeline, oldest first, with links", async ({ adminPage: page, adminApi, playwright, baseURL }) => {
  await ensureNetwork(adminApi);
  await ensureClusterConfig(adminApi);
  const machine = await playwright.request.newContext({ baseURL });
  const mac = randomMac();
  const bootUrl = `/api/v1/boot/ipxe?mac=${mac.replace(/:/g, "-")}&serial=E2E-T&arch=x86_64`;
  expect((await machine.get(bootUrl)).status()).toBe(200);
  const listed = (await (await adminApi.get(`/api/v1/devices?q=${encodeURIComponent(mac)}`)).json()) as { items: { id: string }[] };
  const id = listed.items[0]!.id;
  expect((await adminApi.post(`/api/v1/devices/${id}/approve`, { data: { role: "worker" } })).status()).toBe(200);
  const talos = await (await machine.get(bootUrl)).text();
  const configUrl = new URL(talos.match(/ talos\.config=(\S+)/)![1]!);
  expect((await machine.get(`${configUrl.pathname}${configUrl.search}`)).status()).toBe(200);
  await machine.dispose();

  await page.goto(`/devices/${id}`);
  const titles = page.getByTestId("event-timeline").getByTestId("timeline-title");
  await expect(titles.first()).toHaveText("First seen (registered)");
  const all = await titles.allTextContents();
  const order = ["First seen (registered)", "Approved", "Boot script served", "Config downloaded", "Installed (config delivered)"].map((title) => all.indexOf(title));
  expect(order.every((index) => index >= 0)).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);
  await expect(page.getByTestId("event-timeline")).not.toContainText("{");
  await page.getByTestId("event-timeline").scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot("device-boot-timeline"), fullPage: true });

  // The Events page reads the same events in words, with a link to the device.
  await page.goto("/events?type=device.approved");
  const approved = page.getByTestId("event-row").first();
  await expect(approved).toContainText("Approved");
  await approved.getByTestId("event-link").first().click();
  await expect(page).toHaveURL(/\/devices\//);

  // Leave no booting machine behind: the cluster Health panel (e2e/cluster-health.spec.ts) counts every approved one.
  expect((await adminApi.delete(`/api/v1/devices/${id}`)).ok()).toBe(true);
});
