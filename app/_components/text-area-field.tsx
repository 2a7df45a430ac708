import type { TextareaHTMLAttributes } from "react";

type TextAreaFieldProps = TextareaHTMLAttributes<HTMLTextAreaElement> & { name: string; label: string; hint?: string; errors?: string[] };

// A labelled textarea with its error region wired through aria-describedby (like FormField).
export function TextAreaField({ name, label, hint, errors, ...textarea }: TextAreaFieldProps) {
  const errorId = `${name}-error`;
  const invalid = Boolean(errors?.length);

  return (
    <div className="space-y-1">
      <label htmlFor={name} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {hint ? <p className="text-xs text-slate-500">{hint}</p> : null}
      <textarea
        id={name}
        name={name}
        aria-invalid={invalid}
        aria-describedby={invalid ? errorId : undefined}
        spellCheck={false}
        className="block w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 font-mono text-xs shadow-xs outline-none focus:border-sky-600 focus:ring-2 focus:ring-sky-600/20 aria-[invalid=true]:border-red-500"
        {...textarea}
      />
      {invalid ? (
        <p id={errorId} data-testid={`${name}-error`} className="text-xs whitespace-pre-line text-red-600">
          {errors?.join("\n")}
        </p>
      ) : null}
    </div>
  );
}
