import { describe, expect, it } from "vitest";
import { machineMacProblem } from "@/lib/domain/mac";

describe("machineMacProblem", () => {
  it.each([
    ["ff:ff:ff:ff:ff:ff", /broadcast/],
    ["01:00:5e:00:00:fb", /multicast/],
    ["33:33:00:00:00:01", /multicast/],
    ["01:80:c2:00:00:00", /multicast/],
    ["03:00:00:00:00:01", /multicast/],
    ["00:00:00:00:00:00", /all zeros/],
    ["52:54:00:AA:bb:cc", /6 hex octets/],
  ])("refuses %s", (mac, reason) => {
    expect(machineMacProblem(mac)).toMatch(reason);
  });

  it.each([["52:54:00:aa:bb:cc"], ["02:00:00:00:00:01"], ["aa:bb:cc:dd:ee:ff"], ["fe:ff:ff:ff:ff:ff"], ["00:00:00:00:00:01"]])("accepts unicast %s", (mac) => {
    expect(machineMacProblem(mac)).toBeNull();
  });
});
