import type { AppErrorCode, AppErrorIssue } from "@/lib/domain/errors";
import type { ErrorEnvelope } from "@/lib/schemas/error";

export const json = (data: unknown, status = 200, headers?: HeadersInit): Response =>
  Response.json(data, { status, headers: { "cache-control": "no-store", ...headersToObject(headers) } });

export const text = (body: string, status = 200, contentType = "text/plain; charset=utf-8"): Response =>
  new Response(body, { status, headers: { "content-type": contentType, "cache-control": "no-store" } });

export const jsonError = (status: number, code: AppErrorCode, message: string, issues?: AppErrorIssue[]): Response =>
  json({ error: { code, message, ...(issues ? { issues } : {}) } } satisfies ErrorEnvelope, status);

// Machine-facing refusals are one line of text/plain: iPXE prints it, Talos logs it.
export const textError = (status: number, message: string): Response =>
  text(`${message.replace(/[\r\n]+/g, " ")}\n`, status);

const headersToObject = (headers?: HeadersInit): Record<string, string> =>
  headers ? Object.fromEntries(new Headers(headers).entries()) : {};
