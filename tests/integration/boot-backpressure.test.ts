import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as bootScript } from "@/app/api/v1/boot/ipxe/route";
import { prisma } from "@/lib/db/client";
import { bootLoad, withPollBackpressure } from "@/lib/services/boot";
import { machineRequest, noParams, seedNetworkSettings, testHttpBaseUrl } from "@/tests/helpers/boot-fixtures";
import { seedGeneratedCluster } from "@/tests/helpers/seed-cluster-config";

// Backpressure on machine polls (lib/services/boot/overload.ts): under load a pending device gets
// the waiting script with a stretched sleep and nothing else is done; every other device gets the
// full answer. "Always overloaded" and "never overloaded" are set through the limits.
const always = { loopDelayMs: 0, busyInFlight: 0, inFlight: 0 };
const never = { loopDelayMs: Number.POSITIVE_INFINITY, busyInFlight: Number.POSITIVE_INFINITY, inFlight: Number.POSITIVE_INFINITY };
const origin = "http://ktizo.test";

const register = async (mac: string) => {
  const response = await bootScript(machineRequest(`/api/v1/boot/ipxe?mac=${mac}&arch=x86_64`), noParams);
  expect(response.status).toBe(200);

  return response.text();
};

const underLoad = async (mac: string, limits = always) => {
  let served = false;
  const body = await withPollBackpressure({ mac, requestOrigin: origin, limits }, async () => {
    served = true;

    return "full answer";
  });

  return { body, served };
};

beforeAll(async () => {
  await seedNetworkSettings();
  await seedGeneratedCluster();
}, 60_000);

beforeEach(async () => {
  await prisma.bootToken.deleteMany();
  await prisma.device.deleteMany();
});

describe("withPollBackpressure", () => {
  it("answers a pending device under load with the waiting script, sleeping 3× its interval, and writes nothing", async () => {
    const mac = "52:54:00:bb:00:01";
    const normal = await register(mac);
    expect(normal).toContain("sleep 10");
    const before = await prisma.device.findUniqueOrThrow({ where: { mac } });
    const eventsBefore = await prisma.event.count();
    const { body, served } = await underLoad(mac);
    expect(served).toBe(false);
    // The same script the device gets anyway, only the sleep differs.
    expect(body).toBe(normal.replaceAll("10 s", "30 s").replace("sleep 10", "sleep 30"));
    expect(body).toContain(`chain --autofree ${testHttpBaseUrl}/api/v1/boot/ipxe?mac=52-54-00-bb-00-01`);
    expect(await prisma.device.findUniqueOrThrow({ where: { mac } })).toEqual(before);
    expect(await prisma.event.count()).toBe(eventsBefore);
    expect(bootLoad().shed).toBeGreaterThan(0);
  });

  it.each([
    ["unknown (registers)", null],
    ["approved", { status: "approved" as const, role: "worker" as const }],
    ["rejected", { status: "rejected" as const }],
    ["provisioned", { status: "approved" as const, role: "worker" as const, provisionedAt: new Date() }],
  ])("gives a device that is %s the full answer, whatever the load", async (_, data) => {
    const mac = "52:54:00:bb:00:02";
    if (data) await prisma.device.create({ data: { mac, ...data } });
    expect(await underLoad(mac)).toEqual({ body: "full answer", served: true });
  });

  it("gives a pending device in console-code mode the full answer (it boots Talos, not the wait loop)", async () => {
    const mac = "52:54:00:bb:00:03";
    await prisma.device.create({ data: { mac, status: "pending", approvalProof: "console_code" } });
    expect(await underLoad(mac)).toEqual({ body: "full answer", served: true });
  });

  it("serves a pending device fully when the process is not overloaded", async () => {
    const mac = "52:54:00:bb:00:04";
    await register(mac);
    expect(await underLoad(mac, never)).toEqual({ body: "full answer", served: true });
  });
});

describe("bootLoad", () => {
  it("sees a blocked event loop as delay within a second", async () => {
    bootLoad();
    await new Promise((resolve) => setTimeout(resolve, 600));
    const until = Date.now() + 400;
    while (Date.now() < until) {
      // a synchronous stall, as a long GC pause or a blocking call would make
    }
    let seen = 0;
    for (let tick = 0; tick < 24; tick += 1) {
      seen = Math.max(seen, bootLoad().loopDelayMs);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(seen).toBeGreaterThanOrEqual(300);
  });

  it("lets at most 8 full answers work at once in a process; the others wait their turn and all are answered", async () => {
    let working = 0;
    let most = 0;
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        withPollBackpressure({ mac: `52:54:00:bb:01:${index.toString(16).padStart(2, "0")}`, requestOrigin: origin, limits: never }, async () => {
          working += 1;
          most = Math.max(most, working);
          await new Promise((resolve) => setTimeout(resolve, 5));
          working -= 1;

          return `answer ${index}`;
        }),
      ),
    );
    expect(most).toBe(8);
    expect(answers).toEqual(Array.from({ length: 40 }, (_, index) => `answer ${index}`));
    expect(bootLoad().inFlight).toBe(0);
  });
});
