import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db/client";
import { idleState } from "@/lib/actions/action-state";
import { createAdminToken } from "@/tests/helpers/admin";
import { createClusterWithSecrets, createProvisionedDevice } from "@/tests/helpers/cluster-with-secrets";
import { startTalosStandIn, type TalosStandIn } from "@/tests/stand-ins/talos-api-stand-in";

// The Cluster page's "Bootstrap now" form action (app/(admin)/cluster/actions.ts), as the form
// posts it, against the STAND-IN Talos API: the checkbox is the confirmation.
let requestHeaders = new Headers();
vi.mock("next/headers", () => ({ headers: async () => requestHeaders }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const port = 20_000 + Math.floor(Math.random() * 30_000);
process.env.KTIZO_TALOS_API_PORT = String(port);
const ip = `127.${10 + Math.floor(Math.random() * 200)}.${Math.floor(Math.random() * 250)}.9`;
let node: TalosStandIn;

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);

  return data;
};
const { bootstrapNowAction } = await import("@/app/(admin)/cluster/actions");

beforeAll(async () => {
  requestHeaders = new Headers({ authorization: `Bearer ${await createAdminToken("bootstrap-form")}` });
  const bundle = await createClusterWithSecrets();
  await prisma.clusterSettings.updateMany({ data: { autoBootstrap: false } });
  node = await startTalosStandIn({ osCa: bundle.certs.os, address: ip, port, hostname: "cp-1" });
  await createProvisionedDevice({ mac: "02:00:00:00:04:01", ip, hostname: "cp-1", role: "controlplane" });
});
afterAll(() => node.close());

describe("Bootstrap now (the Cluster page form)", () => {
  it("without the ticked box: refused naming the box, nothing reaches the node", async () => {
    const state = await bootstrapNowAction(idleState as never, form({}));
    expect(state).toMatchObject({ status: "invalid", fieldErrors: { confirm: [expect.stringMatching(/tick the box/i)] } });
    expect(node.calls).toHaveLength(0);
  });

  it("with the box ticked: bootstraps once; a second click is refused and calls nobody", async () => {
    expect(await bootstrapNowAction(idleState as never, form({ confirm: "on" }))).toMatchObject({ status: "ok" });
    expect(node.bootstrapSuccesses()).toBe(1);
    const again = await bootstrapNowAction(idleState as never, form({ confirm: "on" }));
    expect(again).toMatchObject({ status: "error", message: expect.stringMatching(/already bootstrapped/) });
    expect(node.calls.filter((call) => call.method === "Bootstrap")).toHaveLength(1);
    expect((await prisma.event.findMany({ where: { type: { startsWith: "cluster.bootstrap" } }, orderBy: { createdAt: "asc" } })).map((event) => event.type))
      .toEqual(["cluster.bootstrap_started", "cluster.bootstrapped"]);
  });
});
