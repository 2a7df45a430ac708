"use client";

import type { ReactNode } from "react";

type DialogProps = { title: string; testId: string; onClose: () => void; children: ReactNode };

// A minimal modal: a labelled panel over a dimmed page; Escape or the backdrop closes it.
export function Dialog({ title, testId, onClose, children }: DialogProps) {
  return (
    <div
      className="fixed inset-0 z-40 flex items-center justify-center bg-slate-900/40 p-4"
      onKeyDown={(event) => event.key === "Escape" && onClose()}
      onClick={(event) => event.target === event.currentTarget && onClose()}
    >
      <div role="dialog" aria-modal="true" aria-label={title} data-testid={testId} className="w-full max-w-md rounded-lg bg-white p-5 shadow-xl">
        <h2 className="mb-3 text-base font-semibold">{title}</h2>
        {children}
      </div>
    </div>
  );
}
