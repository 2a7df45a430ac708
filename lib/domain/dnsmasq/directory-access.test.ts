import { describe, expect, it } from "vitest";
import { firstClosedLevel, levelsOf, modeText, type DirectoryLevel } from "@/lib/domain/dnsmasq/directory-access";

const nobody = { uid: 65534, gid: 30 };
const level = (path: string, mode: number, uid = 0, gid = 0): DirectoryLevel => ({ path, mode, uid, gid });

describe("levelsOf", () => {
  it("lists every directory from / down to the root", () => {
    expect(levelsOf("/root/ktizo/compiled/tftp")).toEqual(["/", "/root", "/root/ktizo", "/root/ktizo/compiled", "/root/ktizo/compiled/tftp"]);
    expect(levelsOf("/")).toEqual(["/"]);
    expect(levelsOf("/srv//tftp/")).toEqual(["/", "/srv", "/srv/tftp"]);
  });
});

describe("firstClosedLevel", () => {
  it("finds a private home on the way (Debian's /root is 0700)", () => {
    const levels = [level("/", 0o755), level("/root", 0o700), level("/root/ktizo", 0o755), level("/root/ktizo/compiled/tftp", 0o755)];

    expect(firstClosedLevel(levels, nobody)?.path).toBe("/root");
  });

  it("lets a directory searchable by others (0711) pass on the way", () => {
    const levels = [level("/", 0o755), level("/root", 0o711), level("/root/ktizo/compiled/tftp", 0o755)];

    expect(firstClosedLevel(levels, nobody)).toBeNull();
  });

  it("needs read as well as search on the root itself", () => {
    const levels = [level("/", 0o755), level("/srv/tftp", 0o711)];

    expect(firstClosedLevel(levels, nobody)?.path).toBe("/srv/tftp");
  });

  it("needs only search on the last level when the levels stop short of the directory", () => {
    const levels = [level("/", 0o755), level("/srv", 0o711)];

    expect(firstClosedLevel(levels, nobody, { reaches: false })).toBeNull();
    expect(firstClosedLevel(levels, nobody)?.path).toBe("/srv");
  });

  it("uses the owner's bits for the owner and the group's bits for the group, not the others'", () => {
    expect(firstClosedLevel([level("/", 0o755), level("/srv/tftp", 0o700, nobody.uid)], nobody)).toBeNull();
    expect(firstClosedLevel([level("/", 0o755), level("/srv/tftp", 0o070, 0, nobody.gid)], nobody)).toBeNull();
    // The owner's bits decide for the owner even when the others' would let it in.
    expect(firstClosedLevel([level("/", 0o755), level("/srv/tftp", 0o077, nobody.uid)], nobody)?.path).toBe("/srv/tftp");
  });

  it("never stops root", () => {
    expect(firstClosedLevel([level("/", 0o700), level("/root", 0o000)], { uid: 0, gid: 0 })).toBeNull();
  });
});

describe("modeText", () => {
  it("prints the permission bits in octal", () => {
    expect(modeText(0o40700)).toBe("0700");
    expect(modeText(0o755)).toBe("0755");
    expect(modeText(0o5)).toBe("0005");
  });
});
