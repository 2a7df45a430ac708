import { createFirstAdminSchema, loginSchema } from "@/lib/schemas/auth";
import { listEventsQuerySchema } from "@/lib/schemas/event";
import { createApiTokenSchema, listApiTokensQuerySchema } from "@/lib/schemas/token";
import { systemStatusSchema } from "@/lib/schemas/worker-status";
import { eventListShape, healthShape, loggedOutShape, setupDoneShape, tokenCreatedShape, tokenListShape } from "@/lib/openapi/response-shapes";
import { ok, text, type RouteDoc } from "@/lib/openapi/route-doc";

const forms = ["application/json", "application/x-www-form-urlencoded"];

export const systemRoutes: RouteDoc[] = [
  { method: "get", path: "/api/health", tag: "System", auth: "public", summary: "Liveness with a database round trip", responses: { 200: { description: "healthy", schema: healthShape }, 503: { description: "database unreachable", schema: healthShape } } },
  { method: "get", path: "/api/v1/status", tag: "System", auth: "admin", summary: "Worker liveness, dnsmasq state, device counts", responses: ok("status", systemStatusSchema) },
  { method: "get", path: "/metrics", tag: "System", auth: "metrics", summary: "Prometheus metrics (text exposition format 0.0.4)", responses: { 200: text("metrics", "text/plain; version=0.0.4"), 401: text("metrics token required") } },
  { method: "get", path: "/api/v1/openapi.json", tag: "System", auth: "admin", summary: "This OpenAPI 3.1 document", responses: ok("the document") },
  { method: "get", path: "/api/v1/events", tag: "Events", auth: "admin", summary: "Audit log, newest first", query: listEventsQuerySchema, responses: ok("page of events", eventListShape) },
  { method: "get", path: "/api/v1/tokens", tag: "Auth", auth: "admin", summary: "API tokens (prefix and dates, never the value)", query: listApiTokensQuerySchema, responses: ok("page of tokens", tokenListShape) },
  { method: "post", path: "/api/v1/tokens", tag: "Auth", auth: "admin", summary: "Create an API token; its value is in this answer only", body: createApiTokenSchema, responses: ok("created", tokenCreatedShape, 201) },
  { method: "delete", path: "/api/v1/tokens/{id}", tag: "Auth", auth: "admin", summary: "Revoke an API token", responses: { 204: { description: "revoked" } } },
  {
    method: "post",
    path: "/api/auth/setup",
    tag: "Auth",
    auth: "public",
    summary: "Create the first admin account (409 once any user exists)",
    body: createFirstAdminSchema,
    bodyContentTypes: forms,
    responses: { 201: { description: "created", schema: setupDoneShape }, 303: { description: "form post: redirect to /login" }, 409: { description: "an admin exists" } },
  },
  {
    method: "post",
    path: "/api/auth/login",
    tag: "Auth",
    auth: "public",
    summary: "Open a session (httpOnly cookie)",
    body: loginSchema,
    bodyContentTypes: forms,
    responses: { 200: { description: "logged in; Set-Cookie" }, 303: { description: "form post: redirect" }, 401: { description: "invalid username or password" }, 429: { description: "too many failed logins from this address" } },
  },
  { method: "post", path: "/api/auth/logout", tag: "Auth", auth: "admin", summary: "End the current session", responses: { 200: { description: "logged out", schema: loggedOutShape }, 303: { description: "form post: redirect to /login" } } },
];
