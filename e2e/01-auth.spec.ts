import { expect, test } from "@playwright/test";
import { e2eAdmin } from "./fixtures";

// Runs first (file name), against the empty database the e2e server starts with: the whole
// first-run and token lifecycle of issue 2 in one browser session.
test("first-run setup → login → API token → revoke → logout", async ({ page, request, context }) => {
  // First run: every page leads to setup.
  await page.goto("/tokens");
  await expect(page).toHaveURL(/\/setup$/);
  await page.getByLabel("Username").fill(e2eAdmin.username);
  await page.getByLabel("Password (at least 12 characters)").fill(e2eAdmin.password);
  await page.getByLabel("Repeat the password").fill(e2eAdmin.password);
  await page.getByTestId("setup-submit").click();
  await expect(page).toHaveURL(/\/login\?setup=done$/);
  await expect(page.getByTestId("login-setup-done")).toBeVisible();

  // Setup is closed now.
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/login$/);

  // A wrong password is refused with a message.
  await page.getByLabel("Username").fill(e2eAdmin.username);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("login-error")).toHaveText("Invalid username or password.");

  // Log in; the session cookie is httpOnly and SameSite=Lax.
  await page.getByLabel("Username").fill(e2eAdmin.username);
  await page.getByLabel("Password").fill(e2eAdmin.password);
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("app-title")).toHaveText("ktizo");
  await expect(page.getByTestId("current-user")).toHaveText(e2eAdmin.username);
  const session = (await context.cookies()).find((cookie) => cookie.name === "ktizo_session");
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false });

  // Create an API token in the UI; its value is shown once.
  await page.getByTestId("sidebar-nav").getByRole("link", { name: "API tokens" }).click();
  await expect(page).toHaveURL(/\/tokens$/);
  await page.getByLabel("New token name").fill("e2e-cli");
  await page.getByTestId("create-token-submit").click();
  const token = (await page.getByTestId("new-token-value").textContent())?.trim() ?? "";
  expect(token).toMatch(/^ktz_[A-Za-z0-9_-]{43}$/);
  const row = page.locator('[data-testid="token-row"][data-token-name="e2e-cli"]');
  await expect(row.getByTestId("token-status")).toHaveText("active");

  // `request` has no browser cookies: the bearer token alone authenticates the admin API.
  const withToken = { headers: { authorization: `Bearer ${token}` } };
  const listed = await request.get("/api/v1/tokens", withToken);
  expect(listed.status()).toBe(200);
  const body = (await listed.json()) as { items: { name: string }[] };
  expect(body.items.map((item) => item.name)).toContain("e2e-cli");
  expect(JSON.stringify(body)).not.toContain(token);
  expect((await request.get("/api/v1/tokens")).status()).toBe(401);

  // Revoke it in the UI; the same call now gets 401.
  await page.reload();
  await row.getByTestId("revoke-token").click();
  await expect(row.getByTestId("token-status")).toContainText("revoked");
  const refused = await request.get("/api/v1/tokens", withToken);
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toEqual({ error: { code: "unauthorized", message: "login or API token required" } });

  // The audit log shows it, filtered by type.
  await page.getByTestId("sidebar-nav").getByRole("link", { name: "Events" }).click();
  await page.getByLabel("Type").selectOption("token.revoked");
  await page.getByTestId("event-filter-submit").click();
  await expect(page).toHaveURL(/\/events\?type=token\.revoked/);
  await expect(page.getByTestId("event-row")).toHaveCount(1);
  await expect(page.getByTestId("event-row").first()).toContainText("e2e-cli");

  // Log out: admin pages now lead to the login page.
  await page.getByTestId("logout-button").click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/tokens");
  await expect(page).toHaveURL(/\/login\?next=%2Ftokens$/);
  await expect(page.getByTestId("login-form")).toBeVisible();
});
