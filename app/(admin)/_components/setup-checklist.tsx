import Link from "next/link";
import type { SetupStep } from "@/lib/domain/setup-checklist";

// Shown on the Overview until every step is green; each open step links to where it is done.
export function SetupChecklist({ steps }: { steps: SetupStep[] }) {
  if (steps.every((step) => step.done)) return null;
  const done = steps.filter((step) => step.done).length;

  return (
    <section className="space-y-2 rounded-lg border border-sky-200 bg-sky-50 p-4" data-testid="setup-checklist">
      <h2 className="text-base font-semibold">
        Getting started: {done} of {steps.length} done
      </h2>
      <ol className="space-y-1 text-sm">
        {steps.map((step) => (
          <li key={step.key} data-testid={`setup-step-${step.key}`} data-done={step.done} className="flex items-start gap-2">
            <span aria-hidden className={`mt-0.5 inline-flex size-4 shrink-0 items-center justify-center rounded-full text-[10px] text-white ${step.done ? "bg-emerald-600" : "bg-slate-300"}`}>
              {step.done ? "✓" : ""}
            </span>
            <span>
              {step.done ? (
                <span className="font-medium text-slate-700">{step.label}</span>
              ) : (
                <Link href={step.href} className="font-medium text-sky-800 hover:underline">
                  {step.label}
                </Link>
              )}
              <span className="text-slate-600"> — {step.detail}</span>
              <span className="sr-only">{step.done ? " (done)" : " (to do)"}</span>
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
