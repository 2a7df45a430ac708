import { NextResponse, type NextRequest } from "next/server";
import { authenticate } from "@/lib/auth/authenticate";
import { decideAccess } from "@/lib/auth/guard";
import { hasAdmin } from "@/lib/auth/has-admin";
import { isPublicPath } from "@/lib/auth/public-routes";

// The one guard in front of every request (pages, server actions, API). Machine-facing public
// routes skip the database entirely so a boot storm costs nothing here.
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (isPublicPath(pathname) && pathname !== "/login" && pathname !== "/setup") return NextResponse.next();

  const [principal, adminExists] = await Promise.all([
    authenticate({ cookieHeader: request.headers.get("cookie"), authorization: request.headers.get("authorization") }),
    hasAdmin(),
  ]);
  const decision = decideAccess({ pathname, search, principal, hasAdmin: adminExists });
  if (decision.kind === "allow") return NextResponse.next();
  if (decision.kind === "unauthorized") {
    return NextResponse.json({ error: { code: "unauthorized", message: decision.message } }, { status: 401 });
  }

  return NextResponse.redirect(new URL(decision.location, request.url), 303);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
