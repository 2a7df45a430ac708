import type { InputHTMLAttributes } from "react";

type FormFieldProps = InputHTMLAttributes<HTMLInputElement> & { name: string; label: string; errors?: string[] };

// A labelled input with its error region wired up through aria-describedby (STYLE.md rule 12).
export function FormField({ name, label, errors, ...input }: FormFieldProps) {
  const errorId = `${name}-error`;
  const invalid = Boolean(errors?.length);

  return (
    <div className="space-y-1">
      <label htmlFor={name} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={name}
        name={name}
        aria-invalid={invalid}
        aria-describedby={invalid ? errorId : undefined}
        className="block w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm shadow-xs outline-none focus:border-sky-600 focus:ring-2 focus:ring-sky-600/20 aria-[invalid=true]:border-red-500"
        {...input}
      />
      {invalid ? (
        <p id={errorId} data-testid={`${name}-error`} className="text-xs text-red-600">
          {errors?.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
