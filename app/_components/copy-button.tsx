"use client";

import { useState } from "react";

type CopyButtonProps = { text: string; label?: string; testId?: string; absolute?: boolean };

// Copies a value (a new API token, a download or boot URL) to the clipboard and says so. `absolute`
// turns a path into a full URL as this browser reaches ktizo. navigator.clipboard needs a secure
// context (https or localhost); on plain http elsewhere the value is selected for Ctrl+C instead.
export function CopyButton({ text, label = "Copy", testId = "copy-button", absolute = false }: CopyButtonProps) {
  const [state, setState] = useState<"idle" | "copied" | "manual">("idle");
  const copy = async () => {
    const value = absolute ? new URL(text, window.location.href).toString() : text;
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      window.prompt("Copy this value:", value);
      setState("manual");
    }
    window.setTimeout(() => setState("idle"), 2000);
  };

  return (
    <button
      type="button"
      onClick={copy}
      data-testid={testId}
      data-copy-text={text}
      className="rounded border border-slate-300 bg-white px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-50"
    >
      <span aria-live="polite">{state === "copied" ? "Copied" : state === "manual" ? "Shown to copy" : label}</span>
    </button>
  );
}
