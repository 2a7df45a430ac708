import { describe, expect, it } from "vitest";
import { parseRange } from "@/lib/assets/parse-range";

describe("parseRange", () => {
  it.each([
    [null, { kind: "none" }],
    ["bytes=0-99", { kind: "range", range: { start: 0, end: 99 } }],
    ["bytes=100-", { kind: "range", range: { start: 100, end: 999 } }],
    ["bytes=-10", { kind: "range", range: { start: 990, end: 999 } }],
    ["bytes=-5000", { kind: "range", range: { start: 0, end: 999 } }],
    ["bytes=900-5000", { kind: "range", range: { start: 900, end: 999 } }],
    ["bytes=1000-", { kind: "unsatisfiable" }],
    ["bytes=50-10", { kind: "unsatisfiable" }],
    ["bytes=-0", { kind: "unsatisfiable" }],
    ["bytes=0-1,5-9", { kind: "none" }],
    ["items=0-1", { kind: "none" }],
    ["bytes=-", { kind: "none" }],
  ])("%j of a 1000-byte file → %j", (header, expected) => {
    expect(parseRange(header, 1000)).toEqual(expected);
  });
});
