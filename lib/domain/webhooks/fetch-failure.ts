// Why a webhook POST failed, in words, from the error fetch throws: undici throws a bare TypeError
// "fetch failed" and puts the reason in its `cause` (a Node system error with a code, a TLS error
// with the certificate problem, or an AggregateError when every address of a host refused).
// https://undici.nodejs.org/#/docs/api/Errors and https://nodejs.org/api/errors.html#common-system-errors
type ErrorLike = { name?: string; code?: string; message?: string; address?: string; port?: number; hostname?: string; cause?: unknown; errors?: unknown[] };

const codeWords: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset by the receiver",
  EPIPE: "connection closed by the receiver",
  ENOTFOUND: "host name not found (DNS)",
  EAI_AGAIN: "host name lookup failed for now (DNS)",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  ETIMEDOUT: "connection timed out",
  UND_ERR_CONNECT_TIMEOUT: "connection timed out",
  UND_ERR_HEADERS_TIMEOUT: "timed out waiting for the answer",
  UND_ERR_SOCKET: "connection closed by the receiver",
};

const isTls = (code: string): boolean => /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME|HOSTNAME_MISMATCH/.test(code);

const where = (cause: ErrorLike): string =>
  cause.address ? ` (${cause.address}${cause.port ? `:${cause.port}` : ""})` : cause.hostname ? ` (${cause.hostname})` : "";

export const describeFetchFailure = ({ error, timeoutMs }: { error: unknown; timeoutMs: number }): string => {
  const top = (error ?? {}) as ErrorLike;
  if (top.name === "TimeoutError" || top.name === "AbortError") return `timed out after ${timeoutMs} ms without an answer`;
  let cause = (top.cause ?? top) as ErrorLike;
  // Every address refused: the first says why (they share the code).
  if (!cause.code && Array.isArray(cause.errors) && cause.errors.length > 0) cause = cause.errors[0] as ErrorLike;
  const code = cause.code ?? "";
  if (isTls(code)) return `TLS error: ${cause.message ?? code} (${code})`;
  if (codeWords[code]) return `${codeWords[code]}${where(cause)}`;
  if (code) return `${code}: ${cause.message ?? ""}`.trim();

  return cause.message || top.message || String(error);
};
