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

type AnswerOptions = { req: Request; errorPage: string };

// Input mistakes in a form post (validation, conflict) go back to the form page as an error code;
// transport errors (413, 415, malformed JSON) and everything else stay plain HTTP errors.
export const answerFormOrJson = async (
  { req, errorPage }: AnswerOptions,
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

      return seeOther(`${errorPage}?${new URLSearchParams({ error: "invalid_input", ...(field ? { field } : {}) })}`);
    }
    if (isAppError(error) && error.code === "conflict") return seeOther(`${errorPage}?error=conflict`);
    throw error;
  }
};
