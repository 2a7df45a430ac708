import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { execa } from "execa";
import { AppError } from "@/lib/domain/errors";
import { settingsPatches } from "@/lib/domain/talos/build-machine-configs";
import type { ClusterConfigInput, ClusterPatches } from "@/lib/domain/talos/cluster-input";
import type { GeneratedConfigs } from "@/lib/domain/talos/generate-cluster-configs";
import { stringifyTalosYaml } from "@/lib/domain/talos/talos-yaml";
import { talosctlGenConfigArgs, type TalosctlFiles } from "@/lib/domain/talos/talosctl-args";

type RunTalosctlOptions = { binary: string; input: ClusterConfigInput; patches: ClusterPatches; secretsYaml: string };

// gen config is local work; a minute means something is wrong (e.g. a wrapper waiting on input).
const timeoutMs = 60_000;

// Runs `talosctl gen config` in a private temp dir (0700) holding the secrets bundle (0600) and the
// patches; reads the three outputs back and always removes the dir.
export const runTalosctlGenConfig = async ({ binary, input, patches, secretsYaml }: RunTalosctlOptions): Promise<GeneratedConfigs> => {
  const dir = await mkdtemp(path.join(tmpdir(), "ktizo-talosctl-"));
  try {
    const files = await writeInputs(dir, input, patches, secretsYaml);
    // TAG in the environment silently changes talosctl's default installer tag (https://www.talos.dev/v1.11/reference/cli/#talosctl-gen-config).
    const result = await execa(binary, talosctlGenConfigArgs(input, files), {
      cwd: dir,
      timeout: timeoutMs,
      reject: false,
      stdin: "ignore",
      env: { TAG: undefined },
    });
    if (result.failed) {
      const detail = String(result.stderr ?? "").trim() || result.shortMessage || "unknown error";
      throw new AppError("external_tool_failed", `talosctl gen config failed: ${detail.slice(0, 2000)}`);
    }
    const read = (name: string) =>
      readFile(path.join(files.output, name), "utf8").catch(() => {
        throw new AppError("external_tool_failed", `talosctl gen config did not write ${name}`);
      });
    const [controlplane, worker, talosconfig] = await Promise.all([read("controlplane.yaml"), read("worker.yaml"), read("talosconfig")]);

    return { controlplane, worker, talosconfig };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

const writeInputs = async (dir: string, input: ClusterConfigInput, patches: ClusterPatches, secretsYaml: string): Promise<TalosctlFiles> => {
  const own = settingsPatches(input);
  const files: TalosctlFiles = { secrets: path.join(dir, "secrets.yaml"), output: path.join(dir, "out") };
  await writeFile(files.secrets, secretsYaml, { mode: 0o600 });
  const optional: Array<[keyof TalosctlFiles, string]> = [
    ["settingsPatch", own.common ? stringifyTalosYaml(own.common) : ""],
    ["configPatch", patches.configPatch],
    ["settingsControlPlanePatch", own.controlPlane ? stringifyTalosYaml(own.controlPlane) : ""],
    ["controlPlanePatch", patches.controlPlanePatch],
    ["workerPatch", patches.workerPatch],
  ];
  for (const [key, content] of optional) {
    if (content.trim() === "") continue;
    const file = path.join(dir, `${key}.yaml`);
    await writeFile(file, content, { mode: 0o600 });
    files[key] = file;
  }

  return files;
};
