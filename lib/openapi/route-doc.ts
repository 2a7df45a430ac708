import type { z } from "zod";
import type { ApiPath } from "@/lib/openapi/paths";

// How one route is documented. `auth`: "public" needs nothing, "admin" a session cookie or an API
// token, "metrics" the optional KTIZO_METRICS_TOKEN bearer.
export type HttpMethod = "get" | "head" | "post" | "put" | "delete";
export type RouteAuth = "public" | "admin" | "metrics";

export type ResponseDoc = { description: string; schema?: z.ZodType; contentType?: string };

export type RouteDoc = {
  method: HttpMethod;
  path: ApiPath;
  tag: string;
  summary: string;
  auth: RouteAuth;
  query?: z.ZodObject;
  body?: z.ZodType;
  // application/json unless stated (login and setup also take form posts).
  bodyContentTypes?: string[];
  responses: Record<number, ResponseDoc>;
};

// Shorthands for the common answers.
export const ok = (description: string, schema?: z.ZodType, status = 200): Record<number, ResponseDoc> => ({ [status]: { description, schema } });
export const text = (description: string, contentType = "text/plain"): ResponseDoc => ({ description, contentType });
