// The "Enter code" box of the header: a plain GET form to /code, so it works without JavaScript
// and the code page can be bookmarked from Talos's verification_uri_complete.
export function EnterCodeBox() {
  return (
    <form action="/code" method="get" className="flex items-center gap-1" data-testid="enter-code-box">
      <label htmlFor="header-code" className="sr-only">
        Console code
      </label>
      <input
        id="header-code"
        name="code"
        placeholder="Enter code"
        autoComplete="off"
        spellCheck={false}
        maxLength={32}
        className="w-28 rounded bg-slate-800 px-2 py-1 font-mono text-xs uppercase text-white placeholder:normal-case placeholder:text-slate-400"
        data-testid="enter-code-input"
      />
      <button type="submit" className="rounded bg-slate-700 px-2 py-1 text-xs text-white hover:bg-slate-600" data-testid="enter-code-submit">
        Go
      </button>
    </form>
  );
}
