import { describe, expect, it } from "vitest";
import { setupChecklist, type SetupFacts } from "./setup-checklist";

const fresh: SetupFacts = {
  clusterConfigured: false,
  secretsGenerated: false,
  configGenerated: false,
  networkApplied: false,
  dnsmasqRunningApplied: false,
  talosVersion: null,
  assetSource: null,
  assetsOnDisk: false,
  devicesSeen: 0,
};
const doneKeys = (facts: Partial<SetupFacts>) =>
  setupChecklist({ ...fresh, ...facts })
    .filter((step) => step.done)
    .map((step) => step.key);

describe("setupChecklist", () => {
  it.each([
    ["a fresh install", {}, []],
    ["cluster saved", { clusterConfigured: true, talosVersion: "v1.11.6", assetSource: "local" as const }, ["cluster"]],
    ["secrets and config", { clusterConfigured: true, secretsGenerated: true, configGenerated: true }, ["cluster", "secrets", "config"]],
    ["applied but dnsmasq refused it", { networkApplied: true, dnsmasqRunningApplied: false }, []],
    ["applied and running", { networkApplied: true, dnsmasqRunningApplied: true }, ["network"]],
    ["factory source counts as assets ready", { talosVersion: "v1.11.6", assetSource: "factory" as const }, ["assets"]],
    ["local source needs the files", { talosVersion: "v1.11.6", assetSource: "local" as const, assetsOnDisk: true }, ["assets"]],
    ["a machine seen", { devicesSeen: 3 }, ["machine"]],
  ])("%s", (_name, facts, expected) => {
    expect(doneKeys(facts)).toEqual(expected);
  });

  it("links each step to where it is done and says why the network step is not green", () => {
    const steps = setupChecklist({ ...fresh, networkApplied: true });
    expect(steps.map((step) => step.href)).toEqual(["/cluster", "/cluster", "/cluster", "/network", "/network", "/devices"]);
    expect(steps[3]?.detail).toMatch(/not running/);
  });
});
