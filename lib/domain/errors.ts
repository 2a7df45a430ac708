// The one error type of ktizo. Domain and service code throws codes, never HTTP statuses;
// lib/http/status.ts maps each code to a status in one table.

export const appErrorCodes = [
  "bad_request",
  "unauthorized",
  "forbidden",
  "not_found",
  "conflict",
  "not_ready",
  "payload_too_large",
  "unsupported_media_type",
  "range_not_satisfiable",
  "validation_failed",
  "rate_limited",
  "external_tool_failed",
  "unavailable",
  "internal",
] as const;

export type AppErrorCode = (typeof appErrorCodes)[number];

export type AppErrorIssue = { path: string; message: string };

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly issues?: AppErrorIssue[];

  constructor(code: AppErrorCode, message: string, issues?: AppErrorIssue[]) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.issues = issues;
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
