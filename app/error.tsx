"use client";

import { useEffect } from "react";

// Unexpected failures land here (expected ones are returned as action state or 4xx answers).
// Server errors arrive with a generic message and a digest that matches the server log line.
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;

  return (
    <main className="mx-auto max-w-lg p-8" data-testid="error-page">
      <h1 className="text-lg font-semibold">Something went wrong</h1>
      <p className="mt-2 text-sm text-slate-600">
        The request failed on the server.{digest ? ` Reference: ${digest}.` : ""} Check the server log for details.
      </p>
      <button type="button" onClick={() => retry()} className="mt-4 rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800">
        Try again
      </button>
    </main>
  );
}
