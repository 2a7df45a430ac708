import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    // Pure domain code and the worker must stay free of Next, Prisma, fs and env (STYLE.md rules 2 and 21).
    files: ["lib/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["next", "next/*", "@/lib/db/*", "@/lib/generated/*", "node:fs", "node:fs/*", "fs", "@/app/*"] }],
      "no-restricted-globals": ["error", "process"],
    },
  },
  {
    files: ["worker/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["next", "next/*", "@/app/*", "@/lib/db/*", "@/lib/data/*", "@/lib/generated/*"] }],
    },
  },
  globalIgnores([".next/**", "lib/generated/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "compiled/**", "data/**"]),
]);
