import { describe, expect, it } from "vitest";
import { cuid } from "@/lib/db/cuid";

describe("cuid", () => {
  it("has the shape of Prisma's cuid() ids", () => {
    expect(cuid()).toMatch(/^c[0-9a-z]{24}$/);
  });

  it("is unique and sorts by creation time across milliseconds", async () => {
    const ids = Array.from({ length: 2000 }, () => cuid());
    expect(new Set(ids).size).toBe(ids.length);
    const earlier = cuid();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(cuid() > earlier).toBe(true);
  });
});
