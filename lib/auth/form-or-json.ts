import { ZodError } from "zod";
import { isAppError } from "@/lib/domain/errors";
import { json } from "@/lib/http/responses";

// The setup and login endpoints serve two kinds of callers: a plain HTML form (works without JS)
// gets a 303 to a page, a JSON client gets JSON. One reply describes both answers.
export type FormOrJsonReply = { status: number; body: unknown; location: string; headers?: Record<string, string> };

export const isFormPost = (req: Request): boolean =>
  /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test((req.headers.get("content-type") ?? "").trim());

export const seeOther = (location: string, headers: Record<string, string> = {}): Response =>
  // A relative Location keeps the host the browser used (ktizo often sits behind a proxy or an IP).
  new Response(null, { status: 303, headers: { location, "cache-control": "no-store", ...headers } });

// `kept` holds what the form sends back into the page after a failure (a username, never a password):
// the route fills it once it has read the body, so a failed login or setup keeps what was typed.
type AnswerOptions = { req: Request; errorPage: string; kept?: Record<string, string> };

// Copies the named text fields (bounded) from a parsed body into `kept`.
export const keepTyped = ({ body, kept, fields }: { body: unknown; kept: Record<string, string>; fields: string[] }): void => {
  if (typeof body !== "object" || body === null) return;
  for (const field of fields) {
    const value = (body as Record<string, unknown>)[field];
    if (typeof value === "string" && value.length <= 256) kept[field] = value;
  }
};

// Input mistakes in a form post (validation, conflict) go back to the form page as an error code;
// transport errors (413, 415, malformed JSON) and everything else stay plain HTTP errors.
export const answerFormOrJson = async (
  { req, errorPage, kept = {} }: AnswerOptions,
  run: () => Promise<FormOrJsonReply>,
): Promise<Response> => {
  const form = isFormPost(req);
  try {
    const reply = await run();

    return form ? seeOther(reply.location, reply.headers) : json(reply.body, reply.status, reply.headers);
  } catch (error) {
    if (!form) throw error;
    if (error instanceof ZodError) {
      const field = String(error.issues[0]?.path[0] ?? "");

      return seeOther(`${errorPage}?${new URLSearchParams({ error: "invalid_input", ...(field ? { field } : {}), ...kept })}`);
    }
    if (isAppError(error) && error.code === "conflict") return seeOther(`${errorPage}?${new URLSearchParams({ error: "conflict", ...kept })}`);
    throw error;
  }
};
