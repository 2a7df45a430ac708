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

  it("names the admin and machine web processes by the role the primary gave them", () => {
    const tree = [
      { pid: 1, command: "node" },
      { pid: 2, command: "node", webRole: "admin" },
      { pid: 3, command: "esbuild" },
      { pid: 4, command: "node", webRole: "machine" },
      { pid: 5, command: "node", webRole: "machine" },
      { pid: 6, command: "esbuild", webRole: "machine" },
    ];
    expect(roleNames({ kind: "web", tree })).toEqual(["primary", "admin web", "web server's esbuild", "machine web 1", "machine web 2", "web server's esbuild"]);
  });
});
