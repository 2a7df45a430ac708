import { describe, expect, it } from "vitest";
import { describeFetchFailure } from "@/lib/domain/webhooks/fetch-failure";

// Shapes as undici and Node throw them (the integration test webhooks-test-cause.test.ts makes the
// real ones: a closed port, a self-signed certificate, a slow receiver).
const fetchFailed = (cause: unknown) => Object.assign(new TypeError("fetch failed"), { cause });
const systemError = (code: string, message: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(message), { code, ...extra });

describe("describeFetchFailure", () => {
  it.each<[string, unknown, string]>([
    ["a timeout", Object.assign(new Error("aborted"), { name: "TimeoutError" }), "timed out after 5000 ms without an answer"],
    ["a refused connection", fetchFailed(systemError("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:9", { address: "127.0.0.1", port: 9 })), "connection refused (127.0.0.1:9)"],
    ["every address refused", fetchFailed(Object.assign(new AggregateError([systemError("ECONNREFUSED", "x", { address: "::1", port: 9 })]), {})), "connection refused (::1:9)"],
    ["an unknown host", fetchFailed(systemError("ENOTFOUND", "getaddrinfo ENOTFOUND nowhere.invalid", { hostname: "nowhere.invalid" })), "host name not found (DNS) (nowhere.invalid)"],
    ["a self-signed certificate", fetchFailed(systemError("DEPTH_ZERO_SELF_SIGNED_CERT", "self-signed certificate")), "TLS error: self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)"],
    ["an expired certificate", fetchFailed(systemError("CERT_HAS_EXPIRED", "certificate has expired")), "TLS error: certificate has expired (CERT_HAS_EXPIRED)"],
    ["another code", fetchFailed(systemError("EWEIRD", "something odd")), "EWEIRD: something odd"],
    ["no cause at all", new Error("boom"), "boom"],
  ])("%s", (_name, error, expected) => {
    expect(describeFetchFailure({ error, timeoutMs: 5000 })).toBe(expected);
  });
});
