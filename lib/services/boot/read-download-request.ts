import { AppError } from "@/lib/domain/errors";
import { readText } from "@/lib/http/read-body";
import { configDownloadQuerySchema, parseMachineReport, requireMac, type DroppedField } from "@/lib/schemas/device";

export type DownloadRequest = { mac: string; token?: string; uuid?: string; serial?: string; dropped: DroppedField[] };

// Talos GETs with query values; the POST form may also carry them in a small JSON or
// url-encoded body (body values win). Anything else in the body is refused.
export const readDownloadRequest = async (req: Request): Promise<DownloadRequest> => {
  const params = Object.fromEntries(new URL(req.url).searchParams);
  if (req.method === "POST") Object.assign(params, await readBodyParams(req));
  const mac = requireMac(params.mac);
  const query = configDownloadQuerySchema.parse(params);
  // Only uuid and serial are read here; a bad one is dropped (and recorded at registration).
  const { report, dropped } = parseMachineReport({ uuid: params.uuid, serial: params.serial });

  return { mac, ...query, uuid: report.uuid, serial: report.serial, dropped };
};

const readBodyParams = async (req: Request): Promise<Record<string, string>> => {
  const contentType = (req.headers.get("content-type") ?? "").toLowerCase().trim();
  const raw = await readText(req);
  if (raw.trim() === "") return {};
  if (contentType.startsWith("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(raw));
  if (!contentType.startsWith("application/json")) {
    throw new AppError("unsupported_media_type", "expected application/json or application/x-www-form-urlencoded");
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    throw new AppError("bad_request", "body is not valid JSON");
  }
  if (!data || typeof data !== "object" || Array.isArray(data)) throw new AppError("bad_request", "body must be a JSON object");

  return Object.fromEntries(Object.entries(data).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
};
