// Builds requests for calling route handlers directly, as Next would (a client address in
// X-Forwarded-For, set by scripts/web-server.ts in production).
export const base = "http://ktizo.test";

type JsonRequestOptions = { method?: string; headers?: Record<string, string>; ip?: string };

export const jsonRequest = (path: string, body: unknown, { method = "POST", headers = {}, ip = "10.9.9.9" }: JsonRequestOptions = {}) =>
  new Request(`${base}${path}`, {
    method,
    headers: { "content-type": "application/json", "x-forwarded-for": ip, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

export const formRequest = (path: string, fields: Record<string, string>, { ip = "10.9.9.9", headers = {} }: JsonRequestOptions = {}) =>
  new Request(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": ip, ...headers },
    body: new URLSearchParams(fields).toString(),
  });

export const getRequest = (path: string, headers: Record<string, string> = {}) =>
  new Request(`${base}${path}`, { headers: { "x-forwarded-for": "10.9.9.9", ...headers } });

// Route handlers take (req, { params: Promise }) — the second argument as Next passes it.
export const segment = <P extends object = Record<string, never>>(params: P = {} as P) => ({ params: Promise.resolve(params) });

export const cookieFrom = (response: Response): string => {
  const setCookie = response.headers.get("set-cookie") ?? "";

  return setCookie.split(";")[0] ?? "";
};
