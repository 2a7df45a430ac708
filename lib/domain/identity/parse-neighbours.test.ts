import { describe, expect, it } from "vitest";
import { parseIpNeigh, parseProcNetArp } from "./parse-neighbours";

const header = "IP address       HW type     Flags       HW address            Mask     Device";

describe("parseProcNetArp", () => {
  it.each([
    ["a complete entry", `${header}\n10.1.2.3         0x1         0x2         52:54:00:AA:bb:01     *        lan0\n`, [{ ip: "10.1.2.3", mac: "52:54:00:aa:bb:01" }]],
    ["a permanent entry (0x6)", `${header}\n10.1.2.4 0x1 0x6 52:54:00:aa:bb:02 * lan0`, [{ ip: "10.1.2.4", mac: "52:54:00:aa:bb:02" }]],
    ["an incomplete entry", `${header}\n10.1.2.5 0x1 0x0 00:00:00:00:00:00 * lan0`, []],
    ["a zero MAC flagged complete", `${header}\n10.1.2.6 0x1 0x2 00:00:00:00:00:00 * lan0`, []],
    ["only the header", header, []],
    ["an empty file", "", []],
    ["a header-like first line is never an entry", "10.1.2.7 0x1 0x2 52:54:00:aa:bb:07 * lan0", []],
    ["garbage lines", `${header}\nnot an entry\n10.1.2 0x1 0x2 52:54:00:aa:bb:08 * lan0\n10.1.2.9 0x1 0x2 zz:zz * lan0`, []],
    ["two entries", `${header}\n10.0.0.1 0x1 0x2 02:00:00:00:00:01 * a\n10.0.0.2 0x1 0x2 02:00:00:00:00:02 * b`, [{ ip: "10.0.0.1", mac: "02:00:00:00:00:01" }, { ip: "10.0.0.2", mac: "02:00:00:00:00:02" }]],
  ])("%s", (_name, text, expected) => {
    expect(parseProcNetArp(text)).toEqual(expected);
  });
});

describe("parseIpNeigh", () => {
  it.each([
    ["reachable", "10.0.0.5 dev eth0 lladdr 52:54:00:aa:bb:cc REACHABLE", [{ ip: "10.0.0.5", mac: "52:54:00:aa:bb:cc" }]],
    ["stale", "10.0.0.6 dev eth0 lladdr 52:54:00:aa:bb:cd STALE", [{ ip: "10.0.0.6", mac: "52:54:00:aa:bb:cd" }]],
    ["failed", "10.0.0.7 dev eth0 FAILED", []],
    ["incomplete", "10.0.0.8 dev eth0 INCOMPLETE", []],
    ["ipv6", "fe80::1 dev eth0 lladdr 52:54:00:aa:bb:ce router STALE", []],
  ])("%s", (_name, text, expected) => {
    expect(parseIpNeigh(text)).toEqual(expected);
  });
});
