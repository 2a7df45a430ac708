import { describe, expect, it } from "vitest";
import { parseMachineReport } from "@/lib/schemas/device";

describe("parseMachineReport", () => {
  it.each([
    ["all valid", { uuid: "0A1B2C3D-0000-4000-8000-00000000000A", serial: "SN1", arch: "x86_64" }, { uuid: "0a1b2c3d-0000-4000-8000-00000000000a", serial: "SN1", arch: "x86_64" }, []],
    ["empty values mean not reported", { uuid: "", serial: "", arch: "" }, {}, []],
    ["a bad uuid is dropped, the rest kept", { uuid: "not-a-uuid", serial: "SN1" }, { serial: "SN1" }, ["uuid"]],
    ["a bad serial is dropped", { serial: "a\nb", arch: "arm64" }, { arch: "arm64" }, ["serial"]],
    ["a serial over 128 characters is dropped", { serial: "x".repeat(129) }, {}, ["serial"]],
    ["non-strings are dropped", { uuid: 42, serial: { a: 1 }, arch: ["x"] }, {}, ["uuid", "serial", "arch"]],
  ])("%s", (_name, raw, report, dropped) => {
    const result = parseMachineReport(raw);
    expect(result.report).toEqual(report);
    expect(result.dropped.map((item) => item.field)).toEqual(dropped);
    for (const item of result.dropped) expect(item.reason.length).toBeGreaterThan(3);
  });
});
