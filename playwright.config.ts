import { defineConfig, devices } from "@playwright/test";

// e2e runs against a production build with its own throwaway database and data dirs (STYLE.md
// rule 23): scripts/e2e-server.sh refuses any database but data/e2e/*.db and resets it first.
const port = Number(process.env.E2E_PORT ?? 3100);
// The e2e server's rendered dnsmasq files. dnsmasq (e2e/apply-refused.spec.ts) opens its TFTP root
// as user nobody, who cannot reach a checkout below a private directory such as /root, so they live
// under /tmp (scripts/e2e-server.sh recreates the directory). Set once here: the server and the
// specs read it from the environment they inherit.
process.env.KTIZO_E2E_COMPILED_DIR ??= `/tmp/ktizo-e2e-${process.getuid?.() ?? 0}-${port}/compiled`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  reporter: [["list"], ["json", { outputFile: "reports/e2e.json" }]],
  use: {
    ...devices["Desktop Chrome"],
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: {
    command: `bash scripts/e2e-server.sh ${port}`,
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 240_000,
    reuseExistingServer: !process.env.CI,
    stdout: "pipe",
    stderr: "pipe",
  },
});
