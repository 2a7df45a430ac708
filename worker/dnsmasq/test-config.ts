import { execa } from "execa";
import { classifyFailure, type Failure } from "@/worker/dnsmasq/classify-failure";
import { testArgv, type DnsmasqBinary } from "@/worker/dnsmasq/command";

export type TestConfigOptions = { binary: DnsmasqBinary; confFile: string; timeoutMs: number };
export type TestResult = { ok: true } | { ok: false; failure: Failure };

// `dnsmasq --test`: syntax only. Never throws; a missing binary comes back as "unavailable".
export const testConfig = async ({ binary, confFile, timeoutMs }: TestConfigOptions): Promise<TestResult> => {
  const { file, args } = testArgv(binary, confFile);
  const result = await execa(file, args, { reject: false, timeout: timeoutMs, all: true, stdin: "ignore" });
  if (!result.failed) return { ok: true };
  const failure = classifyFailure({
    spawnCode: (result.cause as NodeJS.ErrnoException | undefined)?.code,
    exitCode: result.exitCode,
    signal: result.signal,
    timedOut: result.timedOut,
    output: typeof result.all === "string" ? result.all.split("\n") : [],
    command: binary.command,
  });
  if (failure.kind === "unavailable") return { ok: false, failure };

  // dnsmasq's own words ("bad dhcp-range at line 12 of …") are what the admin needs.
  return { ok: false, failure: { ...failure, message: `dnsmasq --test rejected the config: ${failure.message.replace(/^dnsmasq exited with code \d+: /, "")}` } };
};
