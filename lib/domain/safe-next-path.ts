// Where to go after login. Only same-site absolute paths are allowed: "//evil.example" and
// "/\evil.example" are protocol-relative in browsers, so they would be an open redirect.
export const safeNextPath = (next: string | null | undefined): string => {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return "/";
  if (/^\/(login|setup)(?:[/?#]|$)|^\/api\//.test(next)) return "/";

  return next;
};
