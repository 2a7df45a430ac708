import { createHash } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { execa } from "execa";
import { writeFileAtomic } from "@/lib/compile/write-file-atomic";
import { AppError } from "@/lib/domain/errors";
import { buildDnsmasqModel, type DnsmasqSettings } from "@/lib/domain/dnsmasq/build-dnsmasq-model";
import { env } from "@/lib/env";
import { paths } from "@/lib/paths";
import { renderTemplate } from "@/lib/templates/engine";

// Network settings → dnsmasq.conf text. Locations come from paths(), never from settings.
export const renderDnsmasqConfig = (settings: DnsmasqSettings): Promise<string> => {
  const { tftpRoot, leaseFile, hostsDir } = paths();

  return renderTemplate("dnsmasq/dnsmasq.conf", buildDnsmasqModel(settings, { tftpRoot, leaseFile, hostsDir }));
};

export const dnsmasqConfigHash = (text: string): string => createHash("sha256").update(text).digest("hex");

// `dnsmasq --test` checks syntax only (https://thekelleys.org.uk/dnsmasq/docs/dnsmasq-man.html, --test): not the interface, not the paths. A
// missing binary (web app on a machine without dnsmasq) is "skipped", not an error; the worker
// tests again before it (re)starts dnsmasq.
export const testDnsmasqConfig = async (text: string): Promise<"ok" | "skipped"> => {
  const dir = await mkdtemp(path.join(tmpdir(), "ktizo-dnsmasq-test-"));
  const file = path.join(dir, "dnsmasq.conf");
  try {
    await writeFile(file, text);
    await execa(env().KTIZO_DNSMASQ, ["--test", `--conf-file=${file}`], { timeout: 10_000, stdin: "ignore" });

    return "ok";
  } catch (error) {
    const failure = error as { code?: string; stderr?: unknown; stdout?: unknown; shortMessage?: string };
    if (failure.code === "ENOENT") return "skipped";
    const output = [failure.stderr, failure.stdout].filter((part) => typeof part === "string" && part.trim()).join("\n");
    const message = (output || failure.shortMessage || "dnsmasq --test failed").replaceAll(file, "dnsmasq.conf").trim();
    throw new AppError("validation_failed", `dnsmasq rejected the rendered configuration: ${message}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

// The worker watches this file and restarts dnsmasq. dnsmasq refuses to start without the hosts
// dir or the lease file's directory, so both exist before the config does.
export const writeDnsmasqConfig = async (text: string): Promise<void> => {
  await mkdir(paths().hostsDir, { recursive: true, mode: 0o755 });
  await mkdir(path.dirname(paths().leaseFile), { recursive: true, mode: 0o755 });
  await writeFileAtomic(paths().dnsmasqConf, text, { mode: 0o644 });
};
