import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { configDownloadUrl, talosKernelArgs } from "@/lib/domain/boot/kernel-args";
import { bootAssetUrls } from "@/lib/domain/boot-assets";
import { entryScript, exitScript, notReadyScript, rejectedScript, talosScript, waitingScript, type IpxeScript } from "@/lib/domain/ipxe/script-models";
import { checkIpxeSyntax } from "@/lib/domain/ipxe/check-ipxe-syntax";
import { golden, goldenFiles } from "@/tests/helpers/golden";
import { renderBootScript, renderedScriptsKept } from "./render-boot-script";

// Golden files for templates/ipxe/*.liquid. Regenerate after an intended template change with
// `npm run test:update-goldens` and review the diff; a missing golden fails (tests/helpers/golden.ts).
const httpBaseUrl = "http://10.20.0.2:3100";
const mac = "52:54:00:aa:bb:cc";

const talos = (arch: "amd64" | "arm64", wipe: boolean, extraKernelArgs: string): IpxeScript => {
  const assets = bootAssetUrls({ httpBaseUrl, talosVersion: "v1.11.6", arch });
  const configUrl = configDownloadUrl({ httpBaseUrl, mac, token: "TOKEN_abc-123" });

  return talosScript({
    httpBaseUrl,
    mac,
    talosVersion: "v1.11.6",
    kernelUrl: assets.kernel,
    initrdUrl: assets.initrd,
    initrdName: assets.initrdName,
    kernelArgs: talosKernelArgs({ arch, initrdName: assets.initrdName, extraKernelArgs, configUrl, wipe }),
    wipe,
  });
};

const cases: [string, IpxeScript][] = [
  ["entry", entryScript({ httpBaseUrl })],
  ["waiting", waitingScript({ httpBaseUrl, mac, pollSeconds: 10 })],
  ["not-ready", notReadyScript({ httpBaseUrl, mac, pollSeconds: 15, reason: "cluster configuration is not generated yet" })],
  ["rejected", rejectedScript({ mac })],
  ["exit-provisioned", exitScript({ mac, reason: "provisioned" })],
  ["talos-amd64", talos("amd64", false, "")],
  ["talos-arm64-reinstall", talos("arm64", true, "console=ttyS0,115200 net.ifnames=0")],
];

// The only iPXE expansions a script may contain: the fixed ones our templates write themselves.
const allowedExpansions = new Set(["${mac:hexhyp}", "${uuid}", "${serial:uristring}", "${buildarch}"]);

const goldenDir = path.join(import.meta.dirname, "__golden__");

describe("iPXE script golden files", () => {
  it.each(cases)("%s renders as the golden file", async (name, script) => {
    const rendered = await renderBootScript(script);
    expect(rendered).toBe(await golden({ file: path.join(goldenDir, `ipxe-${name}.ipxe`), rendered }));
    for (const expansion of rendered.match(/\$\{[^}]*\}/g) ?? []) expect(allowedExpansions.has(expansion), expansion).toBe(true);
  });

  it("holds a golden file for each case and no other", async () => {
    const names = (await goldenFiles({ dir: goldenDir, ext: ".ipxe" })).map((file) => path.basename(file));
    expect(names).toEqual(cases.map(([name]) => `ipxe-${name}.ipxe`).sort());
  });

  // Independent of the templates: each file on disk is held to the iPXE grammar.
  it.each(cases.map(([name]) => [name]))("ipxe-%s.ipxe passes the iPXE syntax check", async (name) => {
    expect(checkIpxeSyntax(await readFile(path.join(goldenDir, `ipxe-${name}.ipxe`), "utf8"))).toEqual([]);
  });
});

describe("rendered scripts kept in production", () => {
  it("serves a kept script equal to a fresh render, never keeps a Talos script, and stays bounded", async () => {
    const waiting = waitingScript({ httpBaseUrl, mac, pollSeconds: 10 });
    const before = renderedScriptsKept();
    const first = await renderBootScript(waiting, { keep: true });
    expect(renderedScriptsKept()).toBe(before + 1);
    expect(await renderBootScript(waiting, { keep: true })).toBe(first);
    expect(first).toBe(await renderBootScript(waiting, { keep: false }));
    // Another poll interval is another script.
    expect(await renderBootScript(waitingScript({ httpBaseUrl, mac, pollSeconds: 11 }), { keep: true })).not.toBe(first);
    const kept = renderedScriptsKept();
    await renderBootScript(talos("amd64", false, ""), { keep: true });
    expect(renderedScriptsKept()).toBe(kept);
    // Anonymous MACs cannot grow it past its bound.
    for (let index = 0; index < 4_200; index += 1) {
      const other = `52:54:00:00:${(index >> 8).toString(16).padStart(2, "0")}:${(index & 255).toString(16).padStart(2, "0")}`;
      await renderBootScript(waitingScript({ httpBaseUrl, mac: other, pollSeconds: 10 }), { keep: true });
    }
    expect(renderedScriptsKept()).toBeGreaterThan(0);
    expect(renderedScriptsKept()).toBeLessThanOrEqual(4_096);
  });
});
