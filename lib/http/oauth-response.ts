import type { OauthReply } from "@/lib/services/boot";

// RFC 6749 §5.1: token responses are never cached.
export const oauthResponse = (reply: OauthReply): Response =>
  Response.json(reply.body, { status: reply.status, headers: { "cache-control": "no-store", pragma: "no-cache", ...reply.headers } });
