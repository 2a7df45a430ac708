import { z } from "zod";

// Usernames appear in the event log and the header; a narrow charset keeps them unambiguous.
export const usernameSchema = z
  .string()
  .trim()
  .min(1, "username is required")
  .max(64, "username must be at most 64 characters")
  .regex(/^[A-Za-z0-9._-]+$/, "username may contain only letters, digits, '.', '_' and '-'");

// 12 characters minimum (NIST 800-63B style length over composition rules); the upper bound keeps
// scrypt's input bounded.
export const newPasswordSchema = z
  .string()
  .min(12, "password must be at least 12 characters")
  .max(1024, "password must be at most 1024 characters");

export const createFirstAdminSchema = z
  .object({
    username: usernameSchema,
    password: newPasswordSchema,
    // Only the setup form sends it; API callers may omit it.
    passwordConfirm: z.string().max(1024).optional(),
  })
  .refine((input) => input.passwordConfirm === undefined || input.passwordConfirm === input.password, {
    path: ["passwordConfirm"],
    message: "passwords do not match",
  });
export type CreateFirstAdminInput = z.infer<typeof createFirstAdminSchema>;

// Login accepts any string within bounds: a wrong shape is just a failed login, not a hint.
export const loginSchema = z.object({
  username: z.string().trim().min(1, "username is required").max(64, "username must be at most 64 characters"),
  password: z.string().min(1, "password is required").max(1024, "password must be at most 1024 characters"),
  next: z.string().max(2048).optional(),
});
export type LoginInput = z.infer<typeof loginSchema>;

// Answers of the first-run setup and of logout.
export const setupDoneSchema = z.object({ user: z.object({ id: z.string(), username: z.string() }).passthrough() });
export type SetupDone = z.infer<typeof setupDoneSchema>;
export const loggedOutSchema = z.object({ loggedOut: z.boolean() });
export type LoggedOut = z.infer<typeof loggedOutSchema>;
