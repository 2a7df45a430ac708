// Client-side fetch for react-query: throws an error carrying the HTTP status and the API's message.
// `issues` are the API's per-field sentences (path and message), so a dialog can show each next to its field.
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

// The message for one field (by its top-level name), if the API named it.
export const fieldError = (error: unknown, field: string): string | undefined =>
  error instanceof HttpError ? error.issues.find((issue) => issue.path.split(".")[0] === field)?.message : undefined;

export const fetchJson = async <T,>(url: string, init?: RequestInit): Promise<T> => {
  const response = await fetch(url, { ...init, headers: { accept: "application/json", ...init?.headers } });
  const body = (await response.json().catch(() => null)) as { error?: { message?: string; issues?: { path: string; message: string }[] } } | null;
  if (!response.ok) throw new HttpError(response.status, body?.error?.message ?? response.statusText, body?.error?.issues ?? []);

  return body as T;
};
