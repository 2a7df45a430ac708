import { isApiPath, isPublicPath } from "@/lib/auth/public-routes";
import type { Principal } from "@/lib/auth/principal";

// The one access decision, used by proxy.ts for every request and again by the route wrapper
// and page/action helpers. Pure: callers look up the principal and whether an admin exists.
export type AccessDecision =
  | { kind: "allow" }
  | { kind: "unauthorized"; message: string }
  | { kind: "redirect"; location: string };

type DecideAccessOptions = { pathname: string; search?: string; principal: Principal | null; hasAdmin: boolean };

export const decideAccess = ({ pathname, search = "", principal, hasAdmin }: DecideAccessOptions): AccessDecision => {
  const api = isApiPath(pathname);
  if (pathname === "/setup" && hasAdmin) return { kind: "redirect", location: "/login" };
  if (pathname === "/login" && !hasAdmin) return { kind: "redirect", location: "/setup" };
  if (isPublicPath(pathname)) return { kind: "allow" };
  if (!hasAdmin) {
    return api
      ? { kind: "unauthorized", message: "no admin account exists yet: open /setup" }
      : { kind: "redirect", location: "/setup" };
  }
  if (principal) return { kind: "allow" };
  if (api) return { kind: "unauthorized", message: "login or API token required" };
  const next = pathname === "/" ? "" : `?next=${encodeURIComponent(pathname + search)}`;

  return { kind: "redirect", location: `/login${next}` };
};
