import type { z } from "zod";
import { AppError } from "@/lib/domain/errors";

// Bodies are small JSON documents; anything larger is refused before it is read whole.
export const defaultMaxBodyBytes = 64 * 1024;

type ReadJsonOptions<S extends z.ZodType> = { schema: S; maxBytes?: number };

export const readJson = async <S extends z.ZodType>(
  req: Request,
  { schema, maxBytes = defaultMaxBodyBytes }: ReadJsonOptions<S>,
): Promise<z.infer<S>> => {
  const contentType = req.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(contentType.trim())) {
    throw new AppError("unsupported_media_type", "expected content-type application/json");
  }
  const raw = await readText(req, maxBytes);
  let data: unknown;
  try {
    data = raw.length === 0 ? undefined : JSON.parse(raw);
  } catch {
    throw new AppError("bad_request", "body is not valid JSON");
  }

  return schema.parse(data);
};

export const readText = async (req: Request, maxBytes = defaultMaxBodyBytes): Promise<string> => {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) {
    throw new AppError("payload_too_large", `body larger than ${maxBytes} bytes`);
  }
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new AppError("payload_too_large", `body larger than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }

  return Buffer.concat(chunks).toString("utf8");
};

// Form posts from the browser (setup/login) arrive url-encoded or as JSON.
export const readFormOrJson = async (req: Request, maxBytes = defaultMaxBodyBytes): Promise<unknown> => {
  const contentType = (req.headers.get("content-type") ?? "").toLowerCase();
  const raw = await readText(req, maxBytes);
  if (contentType.startsWith("application/json")) {
    try {
      return JSON.parse(raw);
    } catch {
      throw new AppError("bad_request", "body is not valid JSON");
    }
  }
  if (contentType.startsWith("application/x-www-form-urlencoded")) {
    return Object.fromEntries(new URLSearchParams(raw));
  }
  throw new AppError("unsupported_media_type", "expected application/json or application/x-www-form-urlencoded");
};
