import { redirect } from "next/navigation";
import { AuthCard } from "@/app/_components/auth-card";
import { FormField } from "@/app/_components/form-field";
import { Notice } from "@/app/_components/notice";
import { SubmitButton } from "@/app/_components/submit-button";
import { hasAdmin } from "@/lib/auth/has-admin";
import { currentPrincipal } from "@/lib/auth/require-admin";
import { safeNextPath } from "@/lib/domain/safe-next-path";

export const dynamic = "force-dynamic";

// Error codes come from /api/auth/login's redirect; only known codes are shown, so the URL cannot
// put arbitrary text on this page.
const errorMessages: Record<string, string> = {
  invalid_credentials: "Invalid username or password.",
  rate_limited: "Too many failed logins from this address. Wait a few minutes, then try again.",
  invalid_input: "Enter a username and a password.",
};

type LoginPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// A plain HTML form posting to /api/auth/login, so signing in works without JavaScript.
export default async function LoginPage({ searchParams }: LoginPageProps) {
  const params = await searchParams;
  const next = typeof params.next === "string" ? params.next : undefined;
  if (!(await hasAdmin())) redirect("/setup");
  if (await currentPrincipal()) redirect(safeNextPath(next));
  const error = typeof params.error === "string" ? errorMessages[params.error] : undefined;
  // After a failed sign-in the username comes back, so only the password is typed again.
  const username = typeof params.username === "string" ? params.username.slice(0, 64) : undefined;

  return (
    <AuthCard title="Sign in" subtitle="Sign in to manage your bare-metal Talos clusters.">
      <form method="post" action="/api/auth/login" className="space-y-4" data-testid="login-form">
        {params.setup === "done" ? (
          <Notice tone="success" testId="login-setup-done">
            Admin account created. Sign in with it now.
          </Notice>
        ) : null}
        {error ? (
          <Notice tone="error" testId="login-error">
            {error}
          </Notice>
        ) : null}
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <FormField name="username" label="Username" autoComplete="username" required maxLength={64} defaultValue={username} autoFocus={!username} />
        <FormField name="password" label="Password" type="password" autoComplete="current-password" required maxLength={1024} autoFocus={Boolean(username)} />
        <SubmitButton className="w-full" data-testid="login-submit">
          Sign in
        </SubmitButton>
      </form>
    </AuthCard>
  );
}
