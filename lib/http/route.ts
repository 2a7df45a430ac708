import { ZodError } from "zod";
import { plainIssues } from "@/lib/actions/plain-errors";
import { authenticateRequest } from "@/lib/auth/authenticate";
import { hasAdmin } from "@/lib/auth/has-admin";
import type { Principal } from "@/lib/auth/principal";
import { AppError, isAppError, type AppErrorCode, type AppErrorIssue } from "@/lib/domain/errors";
import { jsonError, textError } from "@/lib/http/responses";
import { sourceIpOf } from "@/lib/http/source-ip";
import { statusByCode } from "@/lib/http/status";
import { observeHttp } from "@/lib/metrics/observe-http";

// Every route handler goes through withRoute (one place for auth, error mapping and metrics): it authorizes admin routes
// (the same rule proxy.ts applies to every request), maps every error to one status, and logs once.
type ErrorStyle = "json" | "text";

type RouteContext<P> = { req: Request; params: P; sourceIp: string | null };
type AdminRouteContext<P> = RouteContext<P> & { principal: Principal };

type Segment<P> = { params: Promise<P> };

type AdminOptions = { auth: "admin"; errors?: ErrorStyle };
type PublicOptions = { auth: "public"; errors?: ErrorStyle };

export function withRoute<P = Record<string, never>>(
  options: AdminOptions,
  handler: (ctx: AdminRouteContext<P>) => Promise<Response>,
): (req: Request, segment: Segment<P>) => Promise<Response>;
export function withRoute<P = Record<string, never>>(
  options: PublicOptions,
  handler: (ctx: RouteContext<P>) => Promise<Response>,
): (req: Request, segment: Segment<P>) => Promise<Response>;
export function withRoute<P>(
  options: AdminOptions | PublicOptions,
  handler: (ctx: AdminRouteContext<P>) => Promise<Response>,
) {
  const errors = options.errors ?? "json";

  const handle = async (req: Request, segment: Segment<P>): Promise<Response> => {
    try {
      const params = (segment?.params ? await segment.params : {}) as P;
      const sourceIp = sourceIpOf(req);
      if (options.auth === "public") {
        return await handler({ req, params, sourceIp } as AdminRouteContext<P>);
      }
      const principal = await authenticateRequest(req);
      if (!principal) {
        const message = (await hasAdmin()) ? "login or API token required" : "no admin account exists yet: open /setup";
        throw new AppError("unauthorized", message);
      }

      return await handler({ req, params, sourceIp, principal });
    } catch (error) {
      return errorResponse(error, errors, req);
    }
  };

  // Every request is counted and timed by URL template for /metrics (docs/api.md).
  return async (req: Request, segment: Segment<P>): Promise<Response> => {
    const started = performance.now();
    const response = await handle(req, segment);
    observeHttp({ method: req.method, pathname: new URL(req.url).pathname, status: response.status, seconds: (performance.now() - started) / 1000 });

    return response;
  };
}

export const errorResponse = (error: unknown, style: ErrorStyle, req?: Request): Response => {
  const { status, code, message, issues } = describeError(error);
  // An expected refusal under load (pending cap, held-download cap) is answered, not logged:
  // a flood must not grow the log by a line per request.
  if (status >= 500 && !(isAppError(error) && error.code === "unavailable")) {
    console.error(`[http] ${req?.method ?? ""} ${req ? new URL(req.url).pathname : ""} -> ${status}`, error);
  }

  return style === "json" ? jsonError(status, code, message, issues) : textError(status, message);
};

type DescribedError = { status: number; code: AppErrorCode; message: string; issues?: AppErrorIssue[] };

export const describeError = (error: unknown): DescribedError => {
  if (isAppError(error)) {
    const issues = error.issues ? plainIssues(error.issues).map(({ path, message }) => ({ path, message })) : undefined;

    // A message that is just its first issue reads as that issue does, in plain words.
    const message = issues?.[0] && error.issues?.[0]?.message === error.message ? issues[0].message : error.message;

    return { status: statusByCode[error.code], code: error.code, message, issues };
  }
  if (error instanceof ZodError) {
    const issues = zodIssues(error);
    const message = issues[0]?.message ?? "invalid input";

    return { status: 422, code: "validation_failed", message, issues };
  }
  const prismaCode = (error as { code?: unknown } | null)?.code;
  if (prismaCode === "P2025") return { status: 404, code: "not_found", message: "not found" };
  if (prismaCode === "P2002") return { status: 409, code: "conflict", message: `already exists: ${uniqueTarget(error)}` };

  return { status: 500, code: "internal", message: "internal error" };
};

// One plain sentence per field, naming it by its label (lib/actions/plain-errors.ts).
export const zodIssues = (error: ZodError): AppErrorIssue[] => plainIssues(error.issues).map(({ path, message }) => ({ path, message }));

const uniqueTarget = (error: unknown): string => {
  const target = (error as { meta?: { target?: unknown } }).meta?.target;

  return Array.isArray(target) ? target.join(", ") : typeof target === "string" ? target : "unique value";
};
