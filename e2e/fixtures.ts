import { test as base, expect, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";

// Shared e2e fixtures (STYLE.md rule 24): specs sign in through the API, never through the form.
// The e2e server starts on an empty database; e2e/01-auth.spec.ts creates this admin through the
// setup page, and ensureAdmin() creates it through the API when a spec runs on its own.
export const e2eAdmin = { username: "e2e-admin", password: "e2e-admin-password" } as const;

export const ensureAdmin = async (request: APIRequestContext): Promise<void> => {
  const response = await request.post("/api/auth/setup", { data: e2eAdmin });
  // 409: the admin exists already (set up by an earlier spec) — fine.
  if (response.status() !== 201 && response.status() !== 409) {
    throw new Error(`setup failed: ${response.status()} ${await response.text()}`);
  }
};

// context.request shares its cookie jar with the browser context, so the session cookie set by the
// login answer applies to every page opened in the context.
export const loginViaApi = async (context: BrowserContext): Promise<void> => {
  await ensureAdmin(context.request);
  const response = await context.request.post("/api/auth/login", { data: e2eAdmin });
  if (response.status() !== 200) throw new Error(`login failed: ${response.status()} ${await response.text()}`);
};

// Creates a fresh API token (through the signed-in context) and returns its value.
export const createApiTokenViaApi = async (context: BrowserContext, name: string): Promise<{ id: string; token: string }> => {
  const response = await context.request.post("/api/v1/tokens", { data: { name } });
  if (response.status() !== 201) throw new Error(`token create failed: ${response.status()} ${await response.text()}`);

  return (await response.json()) as { id: string; token: string };
};

type Fixtures = {
  // A page whose context is signed in as the e2e admin.
  adminPage: Page;
  // An API client authenticated with a bearer token made for this test (revoked afterwards).
  adminApi: APIRequestContext;
};

export const test = base.extend<Fixtures>({
  adminPage: async ({ page }, provide) => {
    await loginViaApi(page.context());
    await provide(page);
  },
  adminApi: async ({ browser, playwright, baseURL }, provide, testInfo) => {
    const context = await browser.newContext({ baseURL });
    await loginViaApi(context);
    const { id, token } = await createApiTokenViaApi(context, `e2e ${testInfo.title}`.slice(0, 64));
    const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
    await provide(api);
    await api.dispose();
    await context.request.delete(`/api/v1/tokens/${id}`);
    await context.close();
  },
});

export { expect };
