import * as grpc from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postBootstrap } from "@/app/api/v1/cluster/bootstrap/route";
import { prisma } from "@/lib/db/client";
import { bootstrapCluster } from "@/lib/services/cluster";
import { adminHeaders, createAdminToken } from "@/tests/helpers/admin";
import { createClusterWithSecrets, createProvisionedDevice } from "@/tests/helpers/cluster-with-secrets";
import { startTalosStandIn, type TalosStandIn } from "@/tests/stand-ins/talos-api-stand-in";

// A node that refuses Bootstrap for a reason waiting will not fix (the STAND-IN Talos API answers
// PERMISSION_DENIED): the automatic bootstrap records Talos's message and stops retrying; only an
// admin's "Bootstrap now" tries again, and its refusal comes back as 502 with the message.
const port = 20_000 + Math.floor(Math.random() * 30_000);
process.env.KTIZO_TALOS_API_PORT = String(port);
const ip = `127.${10 + Math.floor(Math.random() * 200)}.${Math.floor(Math.random() * 250)}.7`;
const talos = { port, timeoutMs: 2_000, retryBaseMs: 10, retryMaxMs: 10 };
const system = { type: "system" } as const;
let node: TalosStandIn;
let token: string;

beforeAll(async () => {
  token = await createAdminToken();
  const bundle = await createClusterWithSecrets();
  node = await startTalosStandIn({
    osCa: bundle.certs.os, address: ip, port, hostname: "cp-1",
    bootstrapRefusal: { code: grpc.status.PERMISSION_DENIED, details: "not authorized: bootstrap needs os:admin" },
  });
  await createProvisionedDevice({ mac: "02:00:00:00:03:01", ip, hostname: "cp-1", role: "controlplane" });
});
afterAll(() => node.close());

const failedEvents = async () =>
  (await prisma.event.findMany({ where: { type: "cluster.bootstrap_failed" }, orderBy: { createdAt: "asc" } })).map((event) => JSON.parse(event.details) as Record<string, unknown>);

describe("a bootstrap Talos refuses", () => {
  it("stops the automatic bootstrap at 'failed' with Talos's message and code, and never calls again on its own", async () => {
    await expect(bootstrapCluster({ manual: false, actor: system, talos })).resolves.toMatchObject({ outcome: "failed", message: "not authorized: bootstrap needs os:admin" });
    expect(await prisma.clusterSettings.findFirstOrThrow()).toMatchObject({ bootstrapState: "failed", bootstrapLastError: "not authorized: bootstrap needs os:admin" });
    expect(await failedEvents()).toEqual([expect.objectContaining({ code: grpc.status.PERMISSION_DENIED, message: "not authorized: bootstrap needs os:admin", manual: false })]);
    for (let tick = 0; tick < 3; tick += 1) await expect(bootstrapCluster({ manual: false, actor: system, talos })).resolves.toMatchObject({ outcome: "skipped" });
    expect(node.bootstrapAnswers).toEqual([grpc.status.PERMISSION_DENIED]);
  });

  it("lets an admin try again with Bootstrap now; the refusal answers 502 with Talos's message", async () => {
    const response = await postBootstrap(
      new Request("http://ktizo.test/api/v1/cluster/bootstrap", { method: "POST", headers: adminHeaders(token), body: JSON.stringify({ confirm: true }) }),
      { params: Promise.resolve({}) } as never,
    );
    expect(response.status).toBe(502);
    expect(JSON.stringify(await response.json())).toContain("not authorized: bootstrap needs os:admin");
    expect(node.bootstrapAnswers).toEqual([grpc.status.PERMISSION_DENIED, grpc.status.PERMISSION_DENIED]);
    expect((await failedEvents()).map((details) => details.manual)).toEqual([false, true]);
    expect((await prisma.clusterSettings.findFirstOrThrow()).bootstrapState).toBe("failed");
  });
});
