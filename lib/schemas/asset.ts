import { z } from "zod";
import { assetFileNames, talosVersionPattern } from "@/lib/domain/boot-assets";

// An admin import: download a Talos kernel/initramfs from a URL into data/assets/talos/<version>/.
export const startAssetImportSchema = z
  .object({
    url: z
      .string()
      .trim()
      .max(2048)
      // Checked before URL parsing, which would silently drop embedded newlines and tabs.
      .regex(/^[^\s\u0000-\u001f\u007f]+$/, "url must not contain whitespace or control characters")
      .url("url must be an http(s) URL")
      .refine((value) => /^https?:\/\//i.test(value), "url must start with http:// or https://"),
    talosVersion: z.string().trim().regex(talosVersionPattern, "talosVersion must look like v1.11.5"),
    fileName: z.enum(assetFileNames),
    sha256: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[0-9a-f]{64}$/, "sha256 must be 64 hex characters")
      .nullable()
      .optional()
      .or(z.literal("").transform(() => null)),
  })
  .strict();
export type StartAssetImportInput = z.infer<typeof startAssetImportSchema>;

export const assetImportIdSchema = z.object({ id: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/) });

// An asset import as the API answers it; type and OpenAPI shape come from here.
export const assetImportJsonSchema = z.object({
  id: z.string(),
  url: z.string(),
  talosVersion: z.string(),
  fileName: z.string(),
  status: z.enum(["queued", "downloading", "done", "failed"]),
  bytesDone: z.number().int(),
  bytesTotal: z.number().int().nullable(),
  sha256: z.string().nullable(),
  expectedSha256: z.string().nullable(),
  error: z.string().nullable(),
  createdAt: z.string().describe("ISO 8601 time"),
  updatedAt: z.string().describe("ISO 8601 time"),
});
export type AssetImportJson = z.infer<typeof assetImportJsonSchema>;

export const localAssetJsonSchema = z.object({ talosVersion: z.string(), fileName: z.string(), size: z.number().int(), modifiedAt: z.string().describe("ISO 8601 time") });
export type LocalAssetJson = z.infer<typeof localAssetJsonSchema>;

// GET /api/v1/assets/imports: the imports with progress, and the assets already on disk.
export const assetImportListJsonSchema = z.object({ items: z.array(assetImportJsonSchema), local: z.array(localAssetJsonSchema) });
