import { expect, test } from "./fixtures";

// The Network page end to end in Chromium: a refused value, save, rendered preview before apply,
// Apply (real dnsmasq --test), and the state switching to "changed since apply" after an edit.
test("save network settings, preview the dnsmasq config, apply it, see the state change", async ({ adminPage: page }) => {
  await page.goto("/network");
  const form = page.getByTestId("network-settings-form");
  await expect(form).toBeVisible();

  // The host's own addresses prefill the form (read by the server, not typed).
  const picker = form.getByTestId("host-interface");
  if ((await picker.locator("option").count()) > 1) {
    const option = picker.locator("option").nth(1);
    const [name, address] = ((await option.textContent()) ?? "").split(/: |\//);
    await picker.selectOption({ index: 1 });
    await expect(form.getByLabel("Interface")).toHaveValue(name!);
    await expect(form.getByLabel("Server IP")).toHaveValue(address!);
    await expect(form.getByLabel("HTTP base URL for machines")).toHaveValue(new RegExp(`^http://${address!.replaceAll(".", "\\.")}:\\d+$`));
  }

  await form.getByLabel("Interface").fill("lo");
  await form.getByLabel("Server IP").fill("10.77.5.2");
  await form.getByLabel("HTTP base URL for machines").fill("http://10.77.5.2:3100");
  // Earlier specs may have saved settings for another subnet: set every subnet-bound field.
  await form.getByLabel("DHCP mode").selectOption("full");
  await form.getByLabel("Netmask", { exact: true }).fill("255.255.255.0");
  await form.getByLabel("Gateway", { exact: true }).fill("10.77.5.1");
  await form.getByLabel("DNS servers", { exact: true }).fill("10.77.5.1");
  await form.getByLabel("Range start (full mode)").fill("10.77.6.100");
  await form.getByLabel("Range end (full mode)").fill("10.77.5.199");
  await page.getByTestId("save-network-settings").click();
  await expect(page.getByTestId("dhcpRangeStart-error")).toContainText("inside the server's subnet");

  await form.getByLabel("Range start (full mode)").fill("10.77.5.100");
  await form.getByLabel("Lease time").fill("2h");
  await page.getByTestId("save-network-settings").click();
  await expect(page.getByTestId("network-settings-saved")).toBeVisible();

  const preview = page.getByTestId("dnsmasq-preview");
  await expect(preview).toContainText("dhcp-range=10.77.5.100,10.77.5.199,255.255.255.0,2h");
  await expect(preview).toContainText("dhcp-boot=tag:ipxe,http://10.77.5.2:3100/boot.ipxe");
  await expect(preview).toContainText("port=0");
  await expect(page.getByTestId("network-apply-state")).not.toHaveAttribute("data-state", "applied");

  await page.getByTestId("apply-network").click();
  // No worker runs beside the e2e server: Apply writes a tested file and says dnsmasq is not running it.
  await expect(page.getByTestId("network-apply-unavailable")).toContainText("dnsmasq --test: ok", { timeout: 20_000 });
  await expect(page.getByTestId("network-apply-unavailable")).toContainText("worker not running");
  await expect(page.getByTestId("network-applied")).toHaveCount(0);
  await expect(page.getByTestId("network-apply-state")).toHaveAttribute("data-state", "applied");

  await form.getByLabel("Lease time").fill("3h");
  await page.getByTestId("save-network-settings").click();
  await expect(page.getByTestId("network-settings-saved")).toBeVisible();
  await expect(page.getByTestId("network-apply-state")).toHaveAttribute("data-state", "changed");
  await expect(preview).toContainText(",3h");
});
