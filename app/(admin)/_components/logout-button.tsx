// A plain form post: logging out works without JavaScript, and the API answers with a 303 to /login.
export function LogoutButton() {
  return (
    <form method="post" action="/api/auth/logout">
      <button
        type="submit"
        data-testid="logout-button"
        className="rounded-md border border-slate-600 px-2.5 py-1 text-xs font-medium text-slate-200 hover:bg-slate-700"
      >
        Log out
      </button>
    </form>
  );
}
