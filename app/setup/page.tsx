import { redirect } from "next/navigation";
import { AuthCard } from "@/app/_components/auth-card";
import { FormField } from "@/app/_components/form-field";
import { Notice } from "@/app/_components/notice";
import { SubmitButton } from "@/app/_components/submit-button";
import { hasAdmin } from "@/lib/auth/has-admin";

export const dynamic = "force-dynamic";

// /api/auth/setup redirects back here with ?error=invalid_input&field=<name> or ?error=conflict.
const fieldMessages: Record<string, string> = {
  username: "Username must be 1 to 64 characters: letters, digits, '.', '_' or '-'.",
  password: "Password must be at least 12 characters (at most 1,024).",
  passwordConfirm: "Repeated password does not match the password.",
};

type SetupPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// First run: while no user exists every page leads here. A plain form, works without JavaScript.
export default async function SetupPage({ searchParams }: SetupPageProps) {
  if (await hasAdmin()) redirect("/login");
  const params = await searchParams;
  const field = params.error === "invalid_input" && typeof params.field === "string" ? params.field : undefined;
  // The username comes back after a refusal; the passwords never do.
  const username = typeof params.username === "string" ? params.username.slice(0, 64) : undefined;
  const errorsFor = (name: string) => (field === name && fieldMessages[name] ? [fieldMessages[name]] : undefined);

  return (
    <AuthCard title="Create the admin account" subtitle="ktizo has no account yet. This one manages everything.">
      <form method="post" action="/api/auth/setup" className="space-y-4" data-testid="setup-form">
        {params.error ? (
          <Notice tone="error" testId="setup-error">
            {params.error === "conflict" ? "An admin account already exists." : "Please correct the highlighted field."}
          </Notice>
        ) : null}
        <FormField name="username" label="Username" autoComplete="username" required maxLength={64} pattern="[A-Za-z0-9._\-]+" errors={errorsFor("username")} defaultValue={username} autoFocus={!username} />
        <FormField name="password" label="Password (at least 12 characters)" type="password" autoComplete="new-password" required minLength={12} maxLength={1024} errors={errorsFor("password")} autoFocus={Boolean(username)} />
        <FormField name="passwordConfirm" label="Repeat the password" type="password" autoComplete="new-password" required minLength={12} maxLength={1024} errors={errorsFor("passwordConfirm")} />
        <SubmitButton className="w-full" data-testid="setup-submit">
          Create admin account
        </SubmitButton>
      </form>
    </AuthCard>
  );
}
