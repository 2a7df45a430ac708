import { describe, expect, it } from "vitest";
import type { Binding } from "@/lib/domain/identity/parse-neighbours";
import { cachedRead } from "./cached-read";
import { checkIdentity, recheckTableMs, sharedTableMs } from "./check-identity";
import { setIdentitySource } from "./identity-source";

const mac = "52:54:00:12:34:56";
const ip = "10.9.0.20";

// A table that counts its reads, and a clock the test moves.
const fixture = () => {
  const clock = { now: 0 };
  const table: Binding[] = [];
  let reads = 0;
  const copy = cachedRead(async () => {
    reads += 1;
    return [...table];
  }, () => clock.now);

  return { clock, table, copy, reads: () => reads };
};

describe("cachedRead", () => {
  it("shares one read between callers within maxAgeMs, in flight or done", async () => {
    const { clock, copy, reads } = fixture();
    await Promise.all([copy(1_000), copy(1_000), copy(1_000)]);
    expect(reads()).toBe(1);
    clock.now = 999;
    await copy(1_000);
    expect(reads()).toBe(1);
    clock.now = 1_001;
    await copy(1_000);
    expect(reads()).toBe(2);
  });

  it("reads afresh when the caller accepts no age", async () => {
    const { copy, reads } = fixture();
    await copy(1_000);
    await copy(0);
    expect(reads()).toBe(2);
  });

  it("does not keep a failed read", async () => {
    let calls = 0;
    const copy = cachedRead(async () => {
      calls += 1;
      if (calls === 1) throw new Error("EIO");
      return "ok";
    }, () => 0);
    await expect(copy(1_000)).rejects.toThrow("EIO");
    await expect(copy(1_000)).resolves.toBe("ok");
  });
});

describe("checkIdentity on a shared copy of the tables", () => {
  const install = () => {
    const f = fixture();
    setIdentitySource({ neighbours: (read) => f.copy(read?.maxAgeMs ?? 0), leases: async () => [] });
    return f;
  };
  const check = () => checkIdentity({ mac, sourceIp: ip, dhcpMode: "proxy", stage: "script" });

  it("a bound address is decided on the shared copy: one read per second", async () => {
    const f = install();
    f.table.push({ ip, mac });
    for (let index = 0; index < 5; index += 1) expect((await check()).status).toBe("bound");
    expect(f.reads()).toBe(1);
    f.clock.now = sharedTableMs + 1;
    await check();
    expect(f.reads()).toBe(2);
    setIdentitySource(null);
  });

  it("a miss re-reads a copy older than 100 ms, so an entry that just appeared binds", async () => {
    const f = install();
    expect((await check()).status).toBe("unverifiable");
    // The machine's entry appears right after the copy was taken.
    f.table.push({ ip, mac });
    f.clock.now = recheckTableMs / 2;
    expect((await check()).status).toBe("unverifiable");
    expect(f.reads()).toBe(1);
    f.clock.now = recheckTableMs + 1;
    expect((await check()).status).toBe("bound");
    expect(f.reads()).toBe(2);
    setIdentitySource(null);
  });

  it("a mismatch on a copy older than 100 ms is decided again on a fresh one", async () => {
    const f = install();
    f.table.push({ ip, mac: "52:54:00:66:66:66" });
    expect((await check()).status).toBe("mismatch");
    f.table.splice(0, 1, { ip, mac });
    f.clock.now = 500;
    expect((await check()).status).toBe("bound");
    expect(f.reads()).toBe(2);
    // An address taken over is seen within the shared window at the latest (docs/security.md).
    f.table.splice(0, 1, { ip, mac: "52:54:00:66:66:66" });
    f.clock.now = 1_000;
    expect((await check()).status).toBe("bound");
    f.clock.now = 500 + sharedTableMs + 1;
    expect((await check()).status).toBe("mismatch");
    setIdentitySource(null);
  });
});
