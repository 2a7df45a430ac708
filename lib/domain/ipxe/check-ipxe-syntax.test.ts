import { describe, expect, it } from "vitest";
import { checkIpxeSyntax } from "@/lib/domain/ipxe/check-ipxe-syntax";

const script = (...lines: string[]) => ["#!ipxe", ...lines].join("\n");

describe("checkIpxeSyntax", () => {
  it.each([
    ["header only", "#!ipxe\n"],
    ["comments and blank lines", script("# a comment", "", "   ", "echo hi")],
    ["a goto to a later label", script("goto done", "echo skipped", ":done", "exit")],
    ["a goto to an earlier label, after ||", script(":retry", "chain --autofree http://h/x?a=${mac:hexhyp}&b=1 || goto retry")],
    ["&& and || chains", script("isset ${net0/ip} && echo up || echo down")],
    ["nested expansion", script("echo ${${name}}")],
    ["options with values", script("initrd --name initramfs.xz http://h/i || goto failed", "boot || goto failed", ":failed", "exit 1")],
  ])("accepts %s", (_label, text) => {
    expect(checkIpxeSyntax(text)).toEqual([]);
  });

  it.each([
    ["no header", "echo hi\n", [{ line: 1, message: 'the first line must be "#!ipxe"' }]],
    ["a header with trailing text", "#!ipxe extra\necho hi", [{ line: 1, message: 'the first line must be "#!ipxe"' }]],
    ["an unknown command", script("echo ok", "bootme now"), [{ line: 3, message: 'unknown command "bootme"' }]],
    ["an unknown command after ||", script("chain x || rebooot"), [{ line: 2, message: 'unknown command "rebooot"' }]],
    ["a goto to a missing label", script("goto nowhere"), [{ line: 2, message: 'goto target "nowhere" is not a label of this script' }]],
    ["a goto without a label", script("chain x || goto"), [{ line: 2, message: "goto takes exactly one label" }]],
    ["a dangling ||", script("chain x ||"), [{ line: 2, message: "empty command around || or &&" }]],
    ["a duplicate label", script(":a", ":a", "goto a"), [{ line: 3, message: 'label "a" already defined on line 2' }]],
    ["a bad label", script(": a b"), [{ line: 2, message: 'bad label ": a b"' }]],
    ["an unclosed expansion", script("echo ${mac"), [{ line: 2, message: "unclosed ${ at column 6" }]],
    ["a carriage return", script("echo hi\r"), [{ line: 2, message: "carriage return in line" }]],
    ["several errors, in line order", script("goto x", "frob"), [
      { line: 2, message: 'goto target "x" is not a label of this script' },
      { line: 3, message: 'unknown command "frob"' },
    ]],
  ])("refuses %s", (_label, text, errors) => {
    expect(checkIpxeSyntax(text)).toEqual(errors);
  });
});
