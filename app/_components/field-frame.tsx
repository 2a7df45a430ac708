import type { ReactNode } from "react";

type FieldFrameProps = { name: string; label: string; hint?: string; errors?: string[]; multilineErrors?: boolean; children: ReactNode };

// The label above and the error region below a form control (screen readers read the error with the field). The control itself
// spreads controlAria(name, errors) so its aria-describedby points at this error region.
export function FieldFrame({ name, label, hint, errors, multilineErrors = false, children }: FieldFrameProps) {
  return (
    <div className="space-y-1">
      <label htmlFor={name} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {hint ? <p className="text-xs text-slate-500">{hint}</p> : null}
      {children}
      {errors?.length ? (
        <p id={`${name}-error`} data-testid={`${name}-error`} className={multilineErrors ? "text-xs whitespace-pre-line text-red-600" : "text-xs text-red-600"}>
          {errors.join(multilineErrors ? "\n" : " ")}
        </p>
      ) : null}
    </div>
  );
}

// id/name for the label, and the invalid state and error link for assistive technology.
export const controlAria = (name: string, errors: string[] | undefined) => {
  const invalid = Boolean(errors?.length);

  return { id: name, name, "aria-invalid": invalid, "aria-describedby": invalid ? `${name}-error` : undefined };
};
