import { describe, expect, it } from "vitest";
import { changedFields } from "./changed-fields";

describe("changedFields", () => {
  const current = { hostname: "node-1", ipAddress: null as string | null, notes: "rack 4", role: "worker", seen: new Date(1000) };

  it.each([
    ["a notes edit is only notes", { hostname: "node-1", ipAddress: null, notes: "rack 5", role: "worker" }, ["notes"]],
    ["the same values change nothing", { hostname: "node-1", ipAddress: null, notes: "rack 4" }, []],
    ["undefined means untouched", { hostname: undefined, notes: undefined }, []],
    ["null ↔ value is a change", { ipAddress: "10.0.0.5" }, ["ipAddress"]],
    ["clearing a value is a change", { notes: null as unknown as string }, ["notes"]],
    ["dates compare by instant", { seen: new Date(1000) }, []],
    ["a later date is a change", { seen: new Date(2000) }, ["seen"]],
    ["several fields", { hostname: "node-2", role: "controlplane" }, ["hostname", "role"]],
  ])("%s", (_name, input, expected) => {
    expect(changedFields(current, input)).toEqual(expected);
  });
});
