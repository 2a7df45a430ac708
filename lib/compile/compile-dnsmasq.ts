import { createHash } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { ExecaError, execa } from "execa";
import { makeOpenDirectory } from "@/lib/compile/make-open-directory";
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
// tests again before it (re)starts dnsmasq. Only dnsmasq having run and exited non-zero is
// reported as dnsmasq rejecting the configuration; anything else (a bad setting, a binary that
// cannot be executed, a timeout, a temp-dir failure) says what it is.
export const testDnsmasqConfig = async (text: string): Promise<"ok" | "skipped"> => {
  const binary = env().KTIZO_DNSMASQ;
  const dir = await mkdtemp(path.join(tmpdir(), "ktizo-dnsmasq-test-"));
  const file = path.join(dir, "dnsmasq.conf");
  try {
    await writeFile(file, text);
    await execa(binary, ["--test", `--conf-file=${file}`], { timeout: 10_000, stdin: "ignore" });

    return "ok";
  } catch (error) {
    // Not from running dnsmasq at all (e.g. the temp file could not be written): as it is.
    if (!(error instanceof ExecaError)) throw error;
    if (error.code === "ENOENT") return "skipped";
    if (error.timedOut) throw new AppError("external_tool_failed", `${binary} --test did not finish within 10 s`);
    if (typeof error.exitCode !== "number") {
      throw new AppError("external_tool_failed", `could not run ${binary} --test: ${error.shortMessage.replaceAll(file, "dnsmasq.conf")}`);
    }
    const streams: unknown[] = [error.stderr, error.stdout];
    const output = streams.map((part) => (typeof part === "string" ? part.trim() : "")).filter(Boolean).join("\n");
    const message = (output || `exit code ${error.exitCode}`).replaceAll(file, "dnsmasq.conf").trim();
    throw new AppError("validation_failed", `dnsmasq rejected the rendered configuration: ${message}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

// The worker watches this file and restarts dnsmasq. dnsmasq refuses to start without the hosts
// dir or the lease file's directory, so both exist before the config does.
export const writeDnsmasqConfig = async (text: string): Promise<void> => {
  await makeOpenDirectory(paths().hostsDir);
  await mkdir(path.dirname(paths().leaseFile), { recursive: true, mode: 0o755 });
  await writeFileAtomic(paths().dnsmasqConf, text, { mode: 0o644 });
};
