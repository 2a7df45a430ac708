// The ceiling: the least an App Router route handler can do (no database, no proxy, no work).
export const dynamic = "force-dynamic";

export const GET = () => new Response("ok\n", { headers: { "content-type": "text/plain; charset=utf-8" } });
