import fc from "fast-check";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { emitYamlV3 } from "@/lib/domain/talos/yaml-v3-emitter";

describe("emitYamlV3", () => {
  it.each([
    ["empty collections inline", { a: {}, b: [] }, "a: {}\nb: []\n"],
    ["strings that need quotes", { a: "", b: "128", c: "true", "d: e": "x" }, 'a: ""\nb: "128"\nc: "true"\n"d: e": x\n'],
    ["multi-line strings as literal blocks", { m: "one\ntwo\n", n: "one\ntwo" }, "m: |\n    one\n    two\nn: |-\n    one\n    two\n"],
    ["sequence under a key, one level deeper", { l: ["a", "b"] }, "l:\n    - a\n    - b\n"],
    ["mapping in a list item snaps to the next multiple of 4", { l: [{ k: "v", m: { x: 1 } }] }, "l:\n    - k: v\n      m:\n        x: 1\n"],
  ])("writes %s", (_name, value, expected) => {
    expect(emitYamlV3(value)).toBe(expected);
  });

  it("round-trips arbitrary JSON-like values", () => {
    const key = fc.string({ minLength: 1, maxLength: 8 });
    const leaf = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean(), fc.constant(null));
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: "small" }, leaf, fc.array(tie("node"), { maxLength: 3 }), fc.dictionary(key, tie("node"), { maxKeys: 3 })),
    })).node;
    fc.assert(
      fc.property(fc.dictionary(key, value, { minKeys: 1, maxKeys: 4 }), (doc) => {
        expect(parse(emitYamlV3(doc))).toEqual(doc);
      }),
      { numRuns: 300 },
    );
  });
});
