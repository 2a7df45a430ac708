import type { AppErrorCode } from "@/lib/domain/errors";

// The only place where an error code becomes an HTTP status.
export const statusByCode: Record<AppErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  // e.g. a config download before the cluster configuration was generated
  not_ready: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  range_not_satisfiable: 416,
  validation_failed: 422,
  rate_limited: 429,
  internal: 500,
  external_tool_failed: 502,
  unavailable: 503,
};
