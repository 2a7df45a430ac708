import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

// The house layout (docs/architecture.md) is enforced by no-restricted-imports in eslint.config.mjs.
// This lints one-line sources under the real config at made-up paths and checks each arrow both ways:
// the forbidden import is reported, the allowed one is not.
const root = path.resolve(import.meta.dirname, "../..");
let eslint: ESLint;

const restrictionsOf = async (filePath: string, source: string): Promise<{ severity: number; message: string }[]> => {
  const [result] = await eslint.lintText(`${source}\nexport const used = x;\n`, { filePath: path.join(root, filePath) });
  if (!result) throw new Error(`ESLint returned no result for ${filePath}`);

  return result.messages.filter((m) => m.ruleId === "no-restricted-imports" || m.ruleId === "@typescript-eslint/no-restricted-imports");
};

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

describe("import rules", () => {
  it.each([
    ["app/(admin)/x/page.tsx", 'import { x } from "@/lib/data/devices";'],
    ["app/(admin)/x/page.tsx", 'import { x } from "@/lib/db/client";'],
    ["app/(admin)/x/page.tsx", 'import { x } from "@/lib/generated/prisma/client";'],
    ["app/(admin)/x/page.tsx", 'import { x } from "@/lib/services/devices/list-devices";'],
    ["app/(admin)/x/page.tsx", 'import { x } from "@/lib/env";'],
    ["app/(admin)/x/page.tsx", 'import { x } from "@/lib/webhooks/dispatcher";'],
    ["app/api/v1/x/route.ts", 'import { x } from "../../../../lib/data/devices";'],
    ["proxy.ts", 'import { x } from "@/lib/db/client";'],
    ["lib/services/network/x.ts", 'import { x } from "@/lib/services/cluster/get-cluster-settings";'],
    ["lib/services/network/x.ts", 'import { x } from "../cluster/get-cluster-settings";'],
    ["lib/services/network/x.ts", 'import { x } from "@/app/(admin)/network/actions";'],
    ["lib/services/network/x.ts", 'import { x } from "next/headers";'],
    ["lib/data/devices-x.ts", 'import { x } from "@/lib/services/devices";'],
    ["lib/domain/x.ts", 'import { x } from "node:fs";'],
    ["lib/domain/x.ts", 'import { x } from "fs/promises";'],
    ["lib/domain/x.ts", 'import { x } from "node:child_process";'],
    ["lib/domain/x.ts", 'import { Socket as x } from "node:net";'],
    ["lib/domain/x.ts", 'import { x } from "next/server";'],
    ["lib/domain/x.ts", 'import { x } from "@/lib/env";'],
    ["lib/domain/x.ts", 'import { x } from "@/lib/data/devices";'],
    ["lib/domain/x.ts", 'import { x } from "@/lib/services/rules";'],
    ["lib/crypto/x.ts", 'import { x } from "@/lib/db/client";'],
    ["worker/x.ts", 'import { x } from "@/app/(admin)/layout";'],
    ["worker/x.ts", 'import { x } from "../app/(admin)/layout";'],
    ["worker/x.ts", 'import { x } from "@/lib/data/devices";'],
    ["worker/x.ts", 'import { x } from "@/lib/generated/prisma/client";'],
    ["worker/x.ts", 'import { x } from "@/lib/services/webhooks/list-webhooks";'],
  ])("%s may not: %s", async (filePath, source) => {
    const found = await restrictionsOf(filePath, source);
    expect(found.filter((m) => m.severity === 2)).not.toEqual([]);
  });

  it.each([
    ["app/(admin)/x/page.tsx", 'import { x } from "@/lib/services/devices";'],
    ["app/(admin)/x/page.tsx", 'import { x } from "@/lib/schemas/device";'],
    ["app/(admin)/x/page.tsx", 'import { x } from "@/lib/http/route";'],
    ["app/(admin)/x/page.tsx", 'import { x } from "@/lib/auth/require-admin";'],
    ["app/(admin)/x/page.tsx", 'import { x } from "@/app/_components/notice";'],
    ["app/(admin)/x/page.tsx", 'import { x } from "./_components/y";'],
    ["lib/services/network/x.ts", 'import { x } from "@/lib/services/cluster";'],
    ["lib/services/network/x.ts", 'import { x } from "./y";'],
    ["lib/services/network/x.ts", 'import { x } from "@/lib/data/network-settings";'],
    ["lib/data/x.ts", 'import { x } from "@/lib/db/client";'],
    ["lib/data/x.ts", 'import type { x } from "@/lib/generated/prisma/client";'],
    ["lib/domain/x.ts", 'import { x } from "node:crypto";'],
    ["lib/domain/x.ts", 'import { isIP as x } from "node:net";'],
    ["lib/domain/x.ts", 'import { BlockList as x } from "node:net";'],
    ["lib/domain/x.ts", 'import { x } from "zod";'],
    ["lib/domain/x.test.ts", 'import { x } from "node:fs";'],
    ["worker/x.ts", 'import { x } from "@/lib/services/webhooks";'],
    ["tests/helpers/x.ts", 'import { x } from "@/lib/db/client";'],
  ])("%s may: %s", async (filePath, source) => {
    expect(await restrictionsOf(filePath, source)).toEqual([]);
  });
});
