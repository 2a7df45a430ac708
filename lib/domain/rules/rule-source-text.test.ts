import { describe, expect, it } from "vitest";
import { ruleSourceText } from "./rule-source-text";

describe("ruleSourceText", () => {
  it.each([
    [{ action: "approve", sourceSubnets: ["10.0.0.0/24", "10.1.0.0/24"], allowControlPlane: false }, { subnets: "10.0.0.0/24, 10.1.0.0/24", warning: false, controlPlane: null }],
    [{ action: "approve", sourceSubnets: ["10.0.0.0/24"], allowControlPlane: true }, { subnets: "10.0.0.0/24", warning: false, controlPlane: "may approve as controlplane" }],
    [{ action: "approve", sourceSubnets: [], allowControlPlane: true }, { subnets: "no subnets: approves nothing", warning: true, controlPlane: null }],
    [{ action: "approve", sourceSubnets: [], allowControlPlane: false }, { subnets: "no subnets: approves nothing", warning: true, controlPlane: null }],
    [{ action: "reject", sourceSubnets: [], allowControlPlane: false }, { subnets: "any source", warning: false, controlPlane: null }],
    [{ action: "reject", sourceSubnets: ["192.168.0.0/16"], allowControlPlane: true }, { subnets: "192.168.0.0/16", warning: false, controlPlane: null }],
  ])("%j → %j", (facts, text) => {
    expect(ruleSourceText(facts)).toEqual(text);
  });
});
