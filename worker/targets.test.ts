import { describe, expect, it, vi } from "vitest";
import { loadWorkerConfig } from "@/worker/config";
import { createTargets } from "@/worker/targets";

const p = loadWorkerConfig({ KTIZO_ROOT: "/srv/ktizo" }).paths;
const setup = () => {
  const supervisor = { applyConfig: vi.fn(async () => {}), hangup: vi.fn() };

  return { supervisor, targets: createTargets({ paths: p, supervisor }) };
};

describe("createTargets", () => {
  it.each([
    [p.dnsmasqConf, ["dnsmasq-config"]],
    [`${p.hostsDir}/02-00-00-00-00-01.conf`, ["dnsmasq-hosts"]],
    [`${p.dnsmasqDir}/other.conf`, []],
    [`${p.hostsDir}-evil/x`, []],
    [p.hostsDir, []],
  ])("%s → %j", (file, names) => {
    const { targets } = setup();

    expect(targets.filter((target) => target.matches(file)).map((target) => target.name)).toEqual(names);
  });

  it("restarts through applyConfig when the main config changes", async () => {
    const { targets, supervisor } = setup();
    await targets[0]?.react([{ type: "change", path: p.dnsmasqConf }]);

    expect(supervisor.applyConfig).toHaveBeenCalledOnce();
    expect(supervisor.hangup).not.toHaveBeenCalled();
  });

  it.each([
    [["add"], 0],
    [["add", "add"], 0],
    [["change"], 1],
    [["unlink"], 1],
    [["add", "change"], 1],
    [["add", "unlink"], 1],
    [["change", "unlink", "change"], 1],
  ] as const)("hosts events %j → %i SIGHUP", async (types, hangups) => {
    const { targets, supervisor } = setup();
    await targets[1]?.react(types.map((type) => ({ type, path: `${p.hostsDir}/a.conf` })));

    expect(supervisor.hangup).toHaveBeenCalledTimes(hangups);
    expect(supervisor.applyConfig).not.toHaveBeenCalled();
  });
});
