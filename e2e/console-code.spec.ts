import { expect, test } from "./fixtures";
import { ensureClusterConfig, ensureNetwork, randomMac } from "./lab-setup";

// Console-code approval through the UI: the test plays a Talos machine over HTTP (the OAuth2
// device flow of RFC 8628, form-encoded as golang.org/x/oauth2 sends it), the admin types the
// code shown "on the console" into the header box, approves the pending device with a role, and
// the machine then gets its token and its config with the bearer.

// Kernel-argument URLs name the configured httpBaseUrl; the test server is reached by path.
const local = (url: string) => {
  const parsed = new URL(url);

  return `${parsed.pathname}${parsed.search}`;
};

test("a console code typed into the header box approves a pending machine, which then downloads its config", async ({ adminPage: page, adminApi, playwright, baseURL }) => {
  await ensureNetwork(adminApi);
  await ensureClusterConfig(adminApi);
  const machine = await playwright.request.newContext({ baseURL });
  const mac = randomMac();
  const hostname = `cc-${mac.slice(-5).replace(":", "")}`;

  // First boot registers the device; the admin puts this one device in console-code mode.
  expect((await machine.get(`/api/v1/boot/ipxe?mac=${mac}`)).status()).toBe(200);
  const device = (await (await adminApi.get(`/api/v1/devices?q=${mac}`)).json()).items[0];
  expect((await adminApi.put(`/api/v1/devices/${device.id}`, { data: { approvalProof: "console-code" } })).status()).toBe(200);

  // Pending, yet it boots Talos with the OAuth2 kernel arguments.
  const script = await (await machine.get(`/api/v1/boot/ipxe?mac=${mac}`)).text();
  const arg = (name: string) => script.match(new RegExp(` ${name.replace(/\./g, "\\.")}=(\\S+)`))![1]!;
  expect(arg("talos.config.oauth.client_id")).toBe("ktizo");
  const form = { "content-type": "application/x-www-form-urlencoded" };
  const asked = await machine.post(local(arg("talos.config.oauth.device_auth_url")), { headers: form, data: `client_id=ktizo&uuid=4c4c4544-0000-4000-8000-0000000000e2&serial=E2E-CC&mac=${mac}` });
  expect(asked.status()).toBe(200);
  const auth = await asked.json();
  const poll = () => machine.post(local(arg("talos.config.oauth.token_url")), { headers: form, data: `client_id=ktizo&grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&device_code=${auth.device_code}` });
  expect((await (await poll()).json()).error).toBe("authorization_pending");

  // The admin reads the code off the console and types it into the header box.
  await page.goto("/devices");
  await page.getByTestId("enter-code-input").fill(auth.user_code.toLowerCase());
  await page.getByTestId("enter-code-submit").click();
  const details = page.getByTestId("code-details");
  await expect(details).toBeVisible();
  await expect(page.getByTestId("code-device-mac")).toHaveText(mac);
  await expect(details).toContainText("E2E-CC");
  const approveForm = page.getByTestId("approve-code-form");
  await approveForm.locator('select[name="role"]').selectOption("worker");
  await approveForm.locator('input[name="hostname"]').fill(hostname);
  await page.getByTestId("approve-code-submit").click();
  await expect(page.getByTestId("code-decided")).toContainText(`approved for ${mac}`);
  await expect(page.getByTestId("code-decided")).toContainText("No device is waiting for this code");

  // After the interval, the machine's poll gets the token and the config comes with the bearer.
  await page.waitForTimeout(5_000);
  const tokenAnswer = await poll();
  expect(tokenAnswer.status()).toBe(200);
  const { access_token: accessToken, token_type: tokenType } = await tokenAnswer.json();
  expect(tokenType).toBe("Bearer");
  const configUrl = local(arg("talos.config"));
  expect((await machine.get(configUrl)).status()).toBe(403);
  const config = await machine.get(configUrl, { headers: { authorization: `Bearer ${accessToken}` } });
  expect(config.status()).toBe(200);
  expect(await config.text()).toContain(`hostname: ${hostname}`);
  await machine.dispose();

  // The device page lists the code request (from where, what became of it) and the identity check.
  await page.goto(`/devices/${device.id}`);
  const codes = page.getByTestId("console-codes");
  await expect(codes).toContainText("Approval proof: console-code");
  await expect(codes.locator("tbody tr").first()).toContainText("127.0.0.1");
  await expect(codes.locator("tbody tr").first()).toContainText("used");
  await expect(page.getByTestId("device-identity")).toContainText("unverifiable");

  // A code that belongs to no device at all says so.
  await page.getByTestId("enter-code-input").fill("BCDF-GHJK");
  await page.getByTestId("enter-code-submit").click();
  await expect(page.getByTestId("code-not-found")).toContainText("no device is waiting for this code");
});
