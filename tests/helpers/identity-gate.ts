import { expect } from "vitest";
import { GET as bootScript } from "@/app/api/v1/boot/ipxe/route";
import { GET as download } from "@/app/api/v1/config/download/route";
import { POST as postWebhook } from "@/app/api/v1/webhooks/route";
import { adminHeaders, createAdminToken } from "@/tests/helpers/admin";
import { machineRequest, noParams, seedNetworkSettings } from "@/tests/helpers/boot-fixtures";
import type { identityTable } from "@/tests/helpers/identity-table";
import { seedGeneratedCluster } from "@/tests/helpers/seed-cluster-config";

// The machine side of the identity-gate tests: a boot script as text, the token in it, a config download.
export const scriptText = async (mac: string, ip: string): Promise<string> => (await bootScript(machineRequest(`/api/v1/boot/ipxe?mac=${mac}`, { ip }), noParams)).text();
export const tokenOf = (text: string): string | null => /&token=([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? null;
export const downloadConfig = (query: string, ip: string): Promise<Response> => download(machineRequest(`/api/v1/config/download?${query}`, { ip }), noParams);

// Strict identity checks, a generated cluster, a webhook on the gate's events, and the neighbour-table
// stand-in installed. Returns the admin token it created.
export const prepareIdentityGate = async (table: ReturnType<typeof identityTable>): Promise<string> => {
  const admin = await createAdminToken();
  await seedNetworkSettings({ identityCheck: "strict", pendingHoldSeconds: 0 });
  await seedGeneratedCluster();
  const hook = await postWebhook(
    new Request("http://ktizo.test/api/v1/webhooks", {
      method: "POST",
      headers: adminHeaders(admin),
      body: JSON.stringify({ name: "gate", url: "http://127.0.0.1:9/hook", events: ["boot.identity_mismatch", "config.download_refused"] }),
    }),
    noParams,
  );
  expect(hook.status).toBe(201);
  table.install();

  return admin;
};
