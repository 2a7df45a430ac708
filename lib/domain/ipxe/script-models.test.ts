import { describe, expect, it } from "vitest";
import { entryScript, exitScript, notReadyScript, talosScript, waitingScript } from "@/lib/domain/ipxe/script-models";
import { scriptMessage, scriptUrl, scriptWord } from "@/lib/domain/ipxe/script-values";

const base = "http://10.0.0.2:3000";
const mac = "52:54:00:aa:bb:cc";

const talos = {
  httpBaseUrl: base,
  mac,
  talosVersion: "v1.11.6",
  kernelUrl: `${base}/api/v1/assets/talos/v1.11.6/vmlinuz-amd64`,
  initrdUrl: `${base}/api/v1/assets/talos/v1.11.6/initramfs-amd64.xz`,
  initrdName: "initramfs-amd64.xz",
  kernelArgs: ["talos.platform=metal", `talos.config=${base}/api/v1/config/download?mac=${mac}&token=abc`],
  wipe: false,
};

describe("script values", () => {
  it.each([["a b"], ["a\nb"], ["a${x}"], ['a"b'], ["a'b"], ["a\\b"], [""], ["ä"], ["a\tb"], ["a`b"]])("scriptWord refuses %j", (value) => {
    expect(() => scriptWord(value, "x")).toThrow(/unsafe value/);
  });

  it("scriptWord keeps URLs with & and ?", () => {
    expect(scriptWord("talos.config=http://h/x?a=1&b=2", "x")).toBe("talos.config=http://h/x?a=1&b=2");
  });

  it.each([["https://h/x"], ["ftp://h"], ["http://h/${net0/mac}"], ["http://h/a b"]])("scriptUrl refuses %j", (value) => {
    expect(() => scriptUrl(value, "x")).toThrow(/unsafe value/);
  });

  it.each([["${mac}"], ["a\nchain http://evil"], ["x".repeat(201)], ['say "hi"']])("scriptMessage refuses %j", (value) => {
    expect(() => scriptMessage(value, "x")).toThrow(/unsafe value/);
  });
});

describe("script models", () => {
  it("entry script points at the per-device endpoint", () => {
    expect(entryScript({ httpBaseUrl: `${base}/` }).model).toEqual({ bootUrl: `${base}/api/v1/boot/ipxe`, retrySeconds: 10 });
  });

  it("waiting script carries MAC and poll interval", () => {
    expect(waitingScript({ httpBaseUrl: base, mac, pollSeconds: 10 }).model).toMatchObject({ mac, macHyphen: "52-54-00-aa-bb-cc", pollSeconds: 10 });
  });

  it("talos script joins validated kernel args", () => {
    const script = talosScript(talos);
    expect(script.template).toBe("talos");
    expect(script.model.kernelArgs).toBe(talos.kernelArgs.join(" "));
  });

  it.each([
    ["a kernel arg with a space", { kernelArgs: ["a b"] }],
    ["a kernel arg with ${", { kernelArgs: ["x=${net0/ip}"] }],
    ["an https kernel URL", { kernelUrl: "https://factory.talos.dev/kernel" }],
    ["a version with a newline", { talosVersion: "v1\nshell" }],
    ["an initrd name with a space", { initrdName: "a b" }],
  ])("talos script refuses %s", (_name, patch) => {
    expect(() => talosScript({ ...talos, ...patch })).toThrow(/unsafe value/);
  });

  it("refuses a hostile HTTP base URL and poll interval", () => {
    expect(() => waitingScript({ httpBaseUrl: "http://h\n:shell", mac, pollSeconds: 10 })).toThrow();
    expect(() => waitingScript({ httpBaseUrl: base, mac, pollSeconds: 0 })).toThrow();
    expect(() => notReadyScript({ httpBaseUrl: base, mac, pollSeconds: 5, reason: "x${y}" })).toThrow();
    expect(() => exitScript({ mac: "aa bb", reason: "ok" })).toThrow();
  });
});
