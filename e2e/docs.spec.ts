import { ensureAdmin, expect, test } from "@/e2e/fixtures";

test.describe("API reference", () => {
  test("/docs needs a login", async ({ page }) => {
    // With no admin at all every page leads to /setup instead; make sure one exists.
    await ensureAdmin(page.request);
    await page.goto("/docs");
    await expect(page).toHaveURL(/\/login/);
  });

  test("/docs renders the OpenAPI document in Chromium", async ({ adminPage: page }) => {
    await page.goto("/docs");
    await expect(page.getByRole("heading", { name: "API reference" })).toBeVisible();
    for (const tag of ["Machine-facing", "Devices", "Rules", "Groups", "Webhooks", "System"]) {
      await expect(page.getByRole("heading", { name: tag, exact: true })).toBeVisible();
    }
    const createRule = page.locator("details[data-testid=operation]", { hasText: "Create an approval rule" });
    await createRule.locator("summary").click();
    await expect(createRule.getByText("Request body")).toBeVisible();
    await expect(createRule.getByText("macPattern", { exact: true })).toBeVisible();
    await expect(createRule.getByText("login session or API token").first()).toBeVisible();

    const document = await page.request.get("/api/v1/openapi.json");
    expect(document.status()).toBe(200);
    const body = (await document.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(body.openapi).toBe("3.1.0");
    const shown = await page.locator("details[data-testid=operation]").count();
    const documented = Object.values(body.paths).reduce<number>((sum, methods) => sum + Object.keys(methods as object).length, 0);
    expect(shown).toBe(documented);
  });
});

test.describe("rules, groups and webhooks pages", () => {
  test("create a group, a rule that uses it, and a webhook; the dry run lists a pending machine", async ({ adminPage: page }) => {
    const suffix = Date.now().toString(36);
    const mac = `02:e2:${Date.now().toString(16).slice(-8).match(/../g)!.join(":")}`;
    expect((await page.request.post("/api/v1/devices/register", { data: { mac, arch: "arm64" } })).status()).toBe(201);

    await page.goto("/groups");
    const groupForm = page.getByTestId("group-form");
    await groupForm.getByLabel("Name", { exact: true }).fill(`edge-${suffix}`);
    await groupForm.getByLabel("Talos config patch (strategic merge, YAML)", { exact: true }).fill("machine:\n  notAKey: 1\n");
    await groupForm.getByTestId("group-submit").click();
    await expect(page.getByTestId("configPatch-error")).toBeVisible();
    await groupForm.getByLabel("Name", { exact: true }).fill(`edge-${suffix}`);
    await groupForm.getByLabel("Talos config patch (strategic merge, YAML)", { exact: true }).fill("machine:\n  sysctls:\n    vm.swappiness: \"10\"\n");
    await groupForm.getByTestId("group-submit").click();
    await expect(page.getByTestId("group-saved")).toBeVisible();
    await expect(page.getByTestId("group-row").filter({ hasText: `edge-${suffix}` })).toBeVisible();

    // A disabled rule, so the pending machine stays pending and shows in the dry run.
    await page.goto("/rules");
    const ruleForm = page.getByTestId("rule-form");
    await ruleForm.getByLabel("Name", { exact: true }).fill(`arm-${suffix}`);
    await ruleForm.getByLabel("Arch", { exact: true }).fill("arm64");
    await ruleForm.getByLabel("MAC pattern (glob)", { exact: true }).fill(`${mac.slice(0, 8)}*`);
    await ruleForm.getByLabel("Group", { exact: true }).selectOption({ label: `edge-${suffix}` });
    await ruleForm.getByLabel("Role", { exact: true }).selectOption("worker");
    await ruleForm.getByLabel("Enabled", { exact: true }).uncheck();
    await ruleForm.getByTestId("rule-submit").click();
    await expect(page.getByTestId("rule-saved")).toBeVisible();
    // No source subnets: the table says the rule approves nothing (docs/security.md).
    await expect(page.getByTestId("rule-row").filter({ hasText: `arm-${suffix}` }).getByTestId("rule-source")).toHaveText("no subnets: approves nothing");
    await page.getByTestId("rule-row").filter({ hasText: `arm-${suffix}` }).getByRole("link").click();
    await expect(page.getByTestId("dry-run-match").filter({ hasText: mac })).toBeVisible();

    await page.goto("/webhooks");
    const webhookForm = page.getByTestId("webhook-form");
    await webhookForm.getByLabel("Name", { exact: true }).fill(`hook-${suffix}`);
    await webhookForm.getByLabel("URL (http or https; redirects are not followed)", { exact: true }).fill("http://127.0.0.1:9/hook");
    await webhookForm.getByTestId("webhook-submit").click();
    await expect(page.getByTestId("webhook-secret")).toContainText("whsec_");
    await page.getByTestId("webhook-row").filter({ hasText: `hook-${suffix}` }).getByRole("link").click();
    await page.getByTestId("send-test").click();
    // Port 9 refuses the connection: the test delivery is recorded as a failed attempt.
    await expect(page.getByTestId("send-test-result")).toContainText("failed");
    await expect(page.getByTestId("delivery-row").first()).toContainText("webhook.test");
  });
});

test.describe("webhook outbox in the running server", () => {
  test("the worker's webhooks job delivers a registration made through the web app, signed", async ({ adminApi }) => {
    const { createServer } = await import("node:http");
    const { createHmac } = await import("node:crypto");
    const { spawn } = await import("node:child_process");
    const { readFileSync } = await import("node:fs");
    // The web processes run no background jobs: the worker delivers the outbox (worker/jobs/). Its
    // own status file and dnsmasq dir (other specs expect no worker beside the e2e server), the
    // e2e database, and the web app's secret key to unseal the webhook's secret.
    const worker = spawn(process.execPath, ["--import", "tsx", "worker/index.ts"], {
      env: {
        ...process.env,
        NODE_ENV: "production",
        DATABASE_URL: "file:./data/e2e/ktizo.db",
        KTIZO_SECRET_KEY: readFileSync("data/e2e/secret.key", "utf8").trim(),
        KTIZO_DATA_DIR: "data/e2e/webhook-worker",
        KTIZO_COMPILED_DIR: "data/e2e/webhook-worker/compiled",
        KTIZO_DNSMASQ: "/bin/false",
      },
      stdio: "inherit",
    });
    const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      req.on("end", () => {
        received.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const created = await adminApi.post("/api/v1/webhooks", { data: { name: `e2e-${Date.now()}`, url: `http://127.0.0.1:${port}/in`, events: ["device.registered"] } });
      expect(created.status()).toBe(201);
      const { id, secret } = (await created.json()) as { id: string; secret: string };
      const mac = `02:e3:${Date.now().toString(16).slice(-8).match(/../g)!.join(":")}`;
      expect((await adminApi.post("/api/v1/devices/register", { data: { mac } })).status()).toBe(201);

      // The worker starts (tsx compiles it) and then delivers within about a second.
      await expect.poll(() => received.length, { timeout: 40_000 }).toBeGreaterThan(0);
      const [delivery] = received;
      const expected = `sha256=${createHmac("sha256", secret).update(`${delivery!.headers["x-ktizo-timestamp"]}.${delivery!.body}`).digest("hex")}`;
      expect(delivery!.headers["x-ktizo-signature"]).toBe(expected);
      expect(JSON.parse(delivery!.body)).toMatchObject({ event: "device.registered", device: { mac } });
      await adminApi.delete(`/api/v1/webhooks/${id}`);
    } finally {
      server.close();
      if (worker.exitCode === null) {
        const exited = new Promise((resolve) => worker.once("exit", resolve));
        worker.kill("SIGTERM");
        await exited;
      }
    }
  });
});
