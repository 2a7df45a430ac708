import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderTemplate } from "@/lib/templates/engine";

describe("renderTemplate", () => {
  const previous = process.env.KTIZO_TEMPLATES_DIR;

  beforeAll(async () => {
    const root = await mkdtemp(path.join(tmpdir(), "ktz-templates-"));
    await mkdir(path.join(root, "demo"));
    await writeFile(path.join(root, "demo", "hello.txt.liquid"), "hello {{ name }}{% for n in list %} {{ n }}{% endfor %}\n");
    await writeFile(path.join(root, "demo", "typo.liquid"), "{{ nmae }}");
    await writeFile(path.join(root, "demo", "filter.liquid"), "{{ name | nosuchfilter }}");
    process.env.KTIZO_TEMPLATES_DIR = root;
  });

  afterAll(() => {
    if (previous === undefined) delete process.env.KTIZO_TEMPLATES_DIR;
    else process.env.KTIZO_TEMPLATES_DIR = previous;
  });

  it.each(["demo/hello.txt", "demo/hello.txt.liquid"])("renders %s with the model", async (name) => {
    await expect(renderTemplate(name, { name: "<ktizo>", list: [1, 2] })).resolves.toBe("hello <ktizo> 1 2\n");
  });

  it("fails on an undefined variable instead of rendering an empty string", async () => {
    await expect(renderTemplate("demo/typo", { name: "x" })).rejects.toThrow(/undefined variable: nmae/);
  });

  it("fails on an unknown filter", async () => {
    await expect(renderTemplate("demo/filter", { name: "x" })).rejects.toThrow(/undefined filter: nosuchfilter/);
  });

  it.each(["../etc/passwd", "/etc/passwd", "demo/../../x"])("refuses a name outside templates/: %s", async (name) => {
    await expect(renderTemplate(name, {})).rejects.toThrow(/inside templates/);
  });
});
