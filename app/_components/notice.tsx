import type { ReactNode } from "react";

type NoticeProps = { tone: "error" | "info" | "success"; testId: string; children: ReactNode };

const tones = {
  error: "border-red-200 bg-red-50 text-red-800",
  info: "border-sky-200 bg-sky-50 text-sky-900",
  success: "border-emerald-200 bg-emerald-50 text-emerald-900",
} as const;

// Status messages. Not role="alert": Next's route announcer already owns that role, so e2e tests
// find these by data-testid; role="status" still announces them politely.
export function Notice({ tone, testId, children }: NoticeProps) {
  return (
    <div role="status" data-testid={testId} className={`rounded-md border px-3 py-2 text-sm ${tones[tone]}`}>
      {children}
    </div>
  );
}
