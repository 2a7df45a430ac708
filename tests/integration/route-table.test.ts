import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { navItems } from "@/app/(admin)/_components/nav-items";
import { isApiPath, isPublicPath } from "@/lib/auth/public-routes";
import { prisma } from "@/lib/db/client";
import { proxy } from "@/proxy";
import { createAdminToken } from "@/tests/helpers/admin";
import { exportedMethods, listAppEntries, usesAdminWithRoute } from "@/tests/helpers/app-routes";

// Server actions read the request through next/headers; here every call is anonymous.
vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false }),
}));

// Walks app/ and proves that every route, page and server action outside lib/auth/public-routes.ts
// refuses a caller without a valid session or token — so every later route is covered automatically.
const entries = listAppEntries();
const routes = entries.filter((entry) => entry.kind === "route");
const pages = entries.filter((entry) => entry.kind === "page");
const actionFiles = entries.filter((entry) => entry.kind === "actions");
const guardedRoutes = routes.filter((entry) => !isPublicPath(entry.urlPath));
const guardedPages = pages.filter((entry) => !isPublicPath(entry.urlPath));
const label = (entry: { urlPath: string; file: string }) => `${entry.urlPath} (${entry.file.replace(/^.*\/app\//, "app/")})`;

let revokedToken = "";
const anonymousVariants = (): [string, Record<string, string>][] => [
  ["no credentials", {}],
  ["a bogus bearer token", { authorization: "Bearer ktz_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }],
  ["a revoked token", { authorization: `Bearer ${revokedToken}` }],
  ["a forged session cookie", { cookie: "ktizo_session=forged-session-id" }],
];

beforeAll(async () => {
  // An admin exists, so refusals are "log in" (401 / redirect to /login), not "set up first".
  revokedToken = await createAdminToken("revoked");
  await prisma.apiToken.updateMany({ data: { revokedAt: new Date() } });
});

describe("route table", () => {
  it("finds the routes and pages of app/", () => {
    expect(routes.map((entry) => entry.urlPath)).toEqual(expect.arrayContaining(["/api/v1/tokens", "/api/v1/tokens/dummy-id", "/api/health"]));
    expect(pages.map((entry) => entry.urlPath)).toEqual(expect.arrayContaining(["/", "/login", "/setup", "/tokens", "/events"]));
  });

  it("lists in the navigation only pages that exist", () => {
    const pagePaths = new Set(pages.map((entry) => entry.urlPath));
    expect(navItems.filter((item) => !pagePaths.has(item.href))).toEqual([]);
  });

  describe.each(guardedRoutes.map((entry) => [label(entry), entry] as const))("API route %s", (_label, entry) => {
    const methods = exportedMethods(entry.source);

    it("exports every verb through withRoute({ auth: \"admin\" })", () => {
      expect(methods.length).toBeGreaterThan(0);
      expect(methods.filter((method) => !usesAdminWithRoute(entry.source, method))).toEqual([]);
    });

    it.each(anonymousVariants().map(([name]) => name))("answers 401 from every handler with %s", async (variantName) => {
      const credentials = Object.fromEntries(anonymousVariants())[variantName] ?? {};
      const mod = (await import(entry.file)) as Record<string, unknown>;
      for (const method of methods) {
        const handler = mod[method] as (req: Request, ctx: unknown) => Promise<Response>;
        const hasBody = !["GET", "HEAD", "DELETE", "OPTIONS"].includes(method);
        const req = new Request(`http://ktizo.test${entry.urlPath}`, {
          method,
          headers: { ...credentials, ...(hasBody ? { "content-type": "application/json" } : {}) },
          body: hasBody ? "{}" : undefined,
        });
        const response = await handler(req, { params: Promise.resolve(paramsFor(entry.file)) });
        expect(response.status, `${method} ${entry.urlPath}`).toBe(401);
      }
    });

    it("is refused by the proxy for every verb", async () => {
      for (const method of methods) {
        const response = await proxy(new NextRequest(`http://ktizo.test${entry.urlPath}`, { method }));
        if (isApiPath(entry.urlPath)) expect(response.status, `${method} ${entry.urlPath}`).toBe(401);
        else expect(response.headers.get("location"), `${method} ${entry.urlPath}`).toMatch(/\/login(\?|$)/);
      }
    });
  });

  describe.each(guardedPages.map((entry) => [label(entry), entry] as const))("page %s", (_label, entry) => {
    it("is behind the admin layout or calls requireAdmin itself", () => {
      expect(entry.groups.includes("(admin)") || /\brequireAdmin\(/.test(entry.source)).toBe(true);
    });

    it.each([
      ["GET", {}],
      ["POST (a server action)", { "next-action": "0123456789abcdef", "content-type": "text/plain;charset=UTF-8" }],
    ] as const)("redirects %s to /login through the proxy", async (method, headers) => {
      for (const [, credentials] of anonymousVariants()) {
        const request = new NextRequest(`http://ktizo.test${entry.urlPath}`, { method: method.split(" ")[0], headers: { ...headers, ...credentials } });
        const response = await proxy(request);
        expect(response.status).toBe(303);
        expect(new URL(response.headers.get("location") ?? "", "http://ktizo.test").pathname).toBe("/login");
      }
    });
  });

  // A server action can be POSTed to ANY page path (even /login), so each must authorize itself.
  describe.each(actionFiles.map((entry) => [label(entry), entry] as const))("server actions in %s", (_label, entry) => {
    it("redirects an anonymous caller to /login from every exported action", async () => {
      const mod = (await import(entry.file)) as Record<string, unknown>;
      const actions = Object.entries(mod).filter(([, value]) => typeof value === "function");
      expect(actions.length).toBeGreaterThan(0);
      for (const [name, action] of actions) {
        const call = (action as (...args: unknown[]) => Promise<unknown>)({ status: "idle" }, new FormData());
        await expect(call, name).rejects.toMatchObject({ digest: expect.stringMatching(/^NEXT_REDIRECT;[a-z]+;\/login[;?]/) });
      }
    });
  });

  it("lets public routes through the proxy without a login", async () => {
    for (const entry of routes.filter((route) => isPublicPath(route.urlPath))) {
      const response = await proxy(new NextRequest(`http://ktizo.test${entry.urlPath}`));
      expect(response.headers.get("x-middleware-next"), entry.urlPath).toBe("1");
    }
  });
});

// Params as Next passes them: every dynamic segment of the file's path, filled with dummy values.
const paramsFor = (file: string): Record<string, string | string[]> => {
  const params: Record<string, string | string[]> = {};
  for (const match of file.matchAll(/\[(\[)?(\.\.\.)?([^\]]+)\]\]?/g)) {
    const name = match[3] ?? "";
    params[name] = match[2] ? ["dummy", name] : `dummy-${name}`;
  }

  return params;
};
