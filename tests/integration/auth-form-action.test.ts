import { beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { idleState } from "@/lib/actions/action-state";
import { formAction, formDataToObject, type FormActionContext } from "@/lib/actions/form-action";
import { AppError } from "@/lib/domain/errors";
import { createAdminToken } from "@/tests/helpers/admin";

// formAction authorizes through next/headers; the request headers are swapped per test.
let requestHeaders = new Headers();
vi.mock("next/headers", () => ({ headers: async () => requestHeaders }));

const schema = z.object({
  name: z.string().min(3, "name too short").regex(/^[a-z]+$/, "name must be lower-case letters"),
  port: z.coerce.number().int().min(1, "port must be at least 1"),
  password: z.string().min(12, "password too short"),
});

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);

  return data;
};

let token = "";
beforeAll(async () => {
  token = await createAdminToken("form-action");
});

const signedIn = () => {
  requestHeaders = new Headers({ authorization: `Bearer ${token}`, "x-forwarded-for": "10.3.0.1" });
};

describe("formAction", () => {
  it("redirects an anonymous caller to /login before looking at the input", async () => {
    requestHeaders = new Headers();
    const fn = vi.fn();
    const action = formAction(schema, fn, { path: "/things" });
    await expect(action(idleState, form({}))).rejects.toMatchObject({ digest: expect.stringMatching(/^NEXT_REDIRECT;[a-z]+;\/login\?next=%2Fthings;/) });
    expect(fn).not.toHaveBeenCalled();
  });

  // Every field with a problem at once, each with its first problem only (no cascades), named by its label.
  it("returns ALL field errors at once (one sentence per field) and echoes the typed values, never secrets", async () => {
    signedIn();
    const fn = vi.fn();
    const state = await formAction(schema, fn)(idleState, form({ name: "A", port: "0", password: "short" }));
    expect(fn).not.toHaveBeenCalled();
    expect(state).toEqual({
      status: "invalid",
      message: "Please correct the highlighted fields.",
      fieldErrors: {
        name: ["Name too short."],
        port: ["Port must be at least 1."],
        password: ["Password too short."],
      },
      values: { name: "A", port: "0" },
    });
  });

  it("passes the parsed input, the principal and the source IP to the use-case", async () => {
    signedIn();
    const fn = vi.fn(async (input: z.output<typeof schema>, ctx: FormActionContext) => ({ saved: input.port, by: ctx.principal.kind }));
    const state = await formAction(schema, fn)(idleState, form({ name: "abc", port: "8080", password: "long-enough-pw" }));
    expect(state).toEqual({ status: "ok", data: { saved: 8080, by: "token" } });
    expect(fn.mock.calls[0]?.[1]).toMatchObject({ principal: { kind: "token", name: "form-action" }, sourceIp: "10.3.0.1" });
  });

  it.each([
    ["a conflict", new AppError("conflict", "name taken"), { status: "error", message: "name taken" }],
    [
      "an error with issues",
      new AppError("validation_failed", "bad", [{ path: "name", message: "reserved" }, { path: "", message: "whole form" }]),
      { status: "invalid", message: "bad", fieldErrors: { name: ["Name: reserved."], _form: ["Whole form."] } },
    ],
  ])("returns %s as state", async (_name, error, expected) => {
    signedIn();
    const state = await formAction(schema, async () => {
      throw error;
    })(idleState, form({ name: "abc", port: "1", password: "long-enough-pw" }));
    expect(state).toMatchObject(expected);
  });

  it("lets unexpected errors through to error.tsx", async () => {
    signedIn();
    const action = formAction(schema, async () => {
      throw new AppError("internal", "disk on fire");
    });
    await expect(action(idleState, form({ name: "abc", port: "1", password: "long-enough-pw" }))).rejects.toThrow("disk on fire");
  });
});

describe("formDataToObject", () => {
  it("turns repeated keys into arrays and drops Next's $ACTION fields", () => {
    const data = form({ $ACTION_ID_abc: "", single: "1" });
    data.append("ids", "a");
    data.append("ids", "b");
    expect(formDataToObject(data)).toEqual({ single: "1", ids: ["a", "b"] });
  });
});
