import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "./fixtures";
import { ensureNetwork } from "./lab-setup";

// The red "refused" Apply, seen by a person: a real worker runs the real dnsmasq for the e2e server.
// dnsmasq must never run on an interface of the host's own namespace, so the WHOLE worker runs inside
// a throwaway network namespace holding only a veth pair "lan0"/"lan1" (10.77.0.2/24, the e2e lab
// network): no interface of the host is even visible to it. First Apply with lan0 shows green
// (running); then Apply with an absent interface shows red with dnsmasq's own message and "still
// serving the previous config". Needs root (ip netns), as CI has; skipped elsewhere.
const root = process.cwd();
const ns = `ktz-e2e-${randomBytes(3).toString("hex")}`;
const absent = "ktizo-absent0";
let worker: ChildProcess | null = null;
let output = "";

test.skip(process.getuid?.() !== 0, "needs root for a network namespace");

test.beforeAll(() => {
  const ip = (...argv: string[]) => execFileSync("ip", argv, { stdio: "pipe" });
  ip("netns", "add", ns);
  ip("-n", ns, "link", "set", "lo", "up");
  // A veth pair with both ends inside the namespace (this kernel has no dummy module).
  ip("-n", ns, "link", "add", "lan0", "type", "veth", "peer", "name", "lan1");
  ip("-n", ns, "link", "set", "lan1", "up");
  ip("-n", ns, "addr", "add", "10.77.0.2/24", "dev", "lan0");
  ip("-n", ns, "link", "set", "lan0", "up");
  // The worker as `npm run worker` runs it, against the e2e server's database and directories.
  worker = spawn("ip", ["netns", "exec", ns, process.execPath, "--import", "tsx", "worker/index.ts"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      KTIZO_DATA_DIR: path.join(root, "data/e2e"),
      KTIZO_COMPILED_DIR: process.env.KTIZO_E2E_COMPILED_DIR,
      DATABASE_URL: `file:${path.join(root, "data/e2e/ktizo.db")}`,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  worker.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  worker.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
});

test.afterAll(async () => {
  // Only the worker started here (its dnsmasq is its child and stops with it), then the namespace.
  if (worker?.pid && worker.exitCode === null) {
    const exited = new Promise((resolve) => worker?.once("exit", resolve));
    worker.kill("SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
    if (worker.exitCode === null) worker.kill("SIGKILL");
  }
  execFileSync("ip", ["netns", "del", ns], { stdio: "ignore" });
});

test("Apply with a missing interface shows red with dnsmasq's message, still serving the previous config", async ({ adminPage: page, adminApi }) => {
  test.setTimeout(120_000);
  const network = await ensureNetwork(adminApi);
  const setInterface = async (name: string) => {
    const response = await adminApi.put(`/api/v1/network/settings/${network.id}`, { data: { interface: name, serverIp: "10.77.0.2", dhcpRangeStart: "10.77.0.100", dhcpRangeEnd: "10.77.0.200" } });
    expect(response.status(), await response.text()).toBe(200);
  };
  // `ip netns exec` execs node in place, so the status file names this pid once the worker is up.
  const statusFile = path.join(root, "data/e2e/worker-status.json");
  const workerState = () => {
    try {
      const status = JSON.parse(readFileSync(statusFile, "utf8")) as { workerPid?: number; state?: string };
      return status.workerPid === worker?.pid ? status.state : "not yet";
    } catch {
      return "not yet";
    }
  };
  await expect.poll(workerState, { timeout: 60_000, message: `the worker to start; output:\n${output}` }).not.toMatch(/not yet|stopped/);
  try {
    // A config dnsmasq can run inside the namespace: green.
    await setInterface("lan0");
    await page.goto("/network");
    await page.getByTestId("apply-network").click();
    await expect(page.getByTestId("network-applied"), `worker output:\n${output}`).toContainText("dnsmasq is running this config", { timeout: 30_000 });

    // The same form, now naming an interface that does not exist: saved (with a warning), then refused.
    const form = page.getByTestId("network-settings-form");
    await form.getByLabel("Interface", { exact: true }).fill(absent);
    await page.getByTestId("save-network-settings").click();
    await expect(page.getByTestId("network-settings-saved")).toBeVisible();
    await page.reload();
    await page.getByTestId("apply-network").click();
    const refused = page.getByTestId("network-apply-refused");
    await expect(refused, `worker output:\n${output}`).toBeVisible({ timeout: 30_000 });
    await expect(refused).toContainText("dnsmasq refused the new config");
    await expect(refused).toContainText(absent);
    await expect(refused).toContainText("dnsmasq is still serving the previous config.");
    await expect(refused).toHaveClass(/red/);
    await refused.scrollIntoViewIfNeeded();
    await page.screenshot({ path: "reports/e2e-shots/apply-refused.png", fullPage: true });
  } finally {
    // Other specs expect the lab settings as ensureNetwork left them.
    await setInterface("eth0");
  }
});
