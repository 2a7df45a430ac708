import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { authenticate } from "@/lib/auth/authenticate";
import { decideAccess } from "@/lib/auth/guard";
import { hasAdmin } from "@/lib/auth/has-admin";
import type { Principal } from "@/lib/auth/principal";
import { sourceIpOf } from "@/lib/http/source-ip";

// For admin pages, layouts and server actions: the same decision proxy.ts makes, taken again
// where the data is read (defense in depth — a matcher mistake in the proxy must not expose a page).
// `pathname` is the page's own path, so the login redirect can come back to it.
export const requireAdmin = async (pathname = "/"): Promise<Principal> => {
  const principal = await currentPrincipal();
  const decision = decideAccess({ pathname, principal, hasAdmin: await hasAdmin() });
  if (decision.kind === "allow" && principal) return principal;

  redirect(decision.kind === "redirect" ? decision.location : "/login");
};

// The signed-in principal of the current request, or null (for public pages such as /login).
// Once per rendered request: the admin layout and its page both ask (React's cache() memoizes per
// server render, https://react.dev/reference/react/cache; elsewhere it is a plain call).
export const currentPrincipal = cache(async (): Promise<Principal | null> => {
  const headerStore = await headers();

  return authenticate({ cookieHeader: headerStore.get("cookie"), authorization: headerStore.get("authorization") });
});

// Audit events record the client address; the same rule as route handlers (lib/http/source-ip.ts).
export const currentSourceIp = async (): Promise<string | null> => {
  const forwarded = (await headers()).get("x-forwarded-for");

  return forwarded ? sourceIpOf(new Request("http://ktizo.local/", { headers: { "x-forwarded-for": forwarded } })) : null;
};
