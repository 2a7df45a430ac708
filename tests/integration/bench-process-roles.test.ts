import { describe, expect, it } from "vitest";
import { roleNames, type ServerKind } from "@/bench/lib/process-roles";

describe("roleNames", () => {
  it.each<[ServerKind, string[], string[]]>([
    ["web", ["node", "node"], ["primary", "web 1"]],
    ["web", ["node", "esbuild", "node", "node"], ["primary", "web server's esbuild", "web 1", "web 2"]],
    ["worker", ["node", "esbuild", "dnsmasq"], ["worker", "worker's esbuild", "worker's dnsmasq"]],
    ["empty app", ["node"], ["empty app"]],
  ])("%s %j → %j", (kind, commands, roles) => {
    expect(roleNames({ kind, tree: commands.map((command, pid) => ({ pid, command })) })).toEqual(roles);
  });
});
