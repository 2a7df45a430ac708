import { readFile } from "node:fs/promises";
import { parse } from "yaml";
import { expect, test } from "./fixtures";

// The Cluster page end to end in Chromium: settings (with a refused bad value first), secrets,
// configuration with the built-in generator, talosconfig download, redacted previews.
test("fill the cluster settings, generate secrets and configuration, download talosconfig, see redacted previews", async ({ adminPage: page }) => {
  await page.goto("/cluster");
  const form = page.getByTestId("cluster-settings-form");
  await expect(form).toBeVisible();

  await form.getByLabel("Cluster name").fill("e2e");
  await form.getByLabel("Control-plane endpoint").fill("10.77.0.10:6443");
  await form.getByLabel("Kubernetes version (1.29 – 1.34)").fill("1.33.4");
  await page.getByTestId("save-cluster-settings").click();
  await expect(page.getByTestId("endpoint-error")).toContainText("https://host:port");

  await form.getByLabel("Control-plane endpoint").fill("https://10.77.0.10:6443");
  await form.getByLabel("Worker patch").fill("machine:\n  nodeLabels:\n    pool: e2e\n");
  await page.getByTestId("save-cluster-settings").click();
  await expect(page.getByTestId("cluster-settings-saved")).toBeVisible();

  // Another spec may have generated secrets already: replacing them needs the explicit checkbox.
  const force = page.getByTestId("force-secrets");
  if (await force.isVisible()) await force.check();
  await page.getByTestId("generate-secrets").click();
  await expect(page.getByTestId("secrets-generated")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId("secrets-status")).toContainText("Secrets bundle stored");

  await page.getByTestId("generate-config").click();
  await expect(page.getByTestId("config-generated")).toContainText("validation passed", { timeout: 20_000 });
  await expect(page.getByTestId("config-status")).toContainText("Generated with builtin");

  const downloadPromise = page.waitForEvent("download");
  await page.getByTestId("download-talosconfig").click();
  const download = await downloadPromise;
  const talosconfig = parse(await readFile(await download.path(), "utf8"));
  expect(talosconfig.context).toBe("e2e");
  expect(Object.keys(talosconfig.contexts.e2e)).toEqual(["endpoints", "ca", "crt", "key"]);
  expect(talosconfig.contexts.e2e.crt).toMatch(/^LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t/);

  const controlplane = page.getByTestId("preview-controlplane");
  await expect(controlplane).toContainText(`key: "***"`);
  await expect(controlplane).toContainText(`token: "***"`);
  await expect(controlplane).toContainText("kubelet:v1.33.4");
  await expect(controlplane).not.toContainText("LS0tLS1CRUdJTiBFQyBQUklWQVRFIEtFWS0tLS0t");
  await expect(page.getByTestId("preview-worker")).toContainText("pool: e2e");
});
