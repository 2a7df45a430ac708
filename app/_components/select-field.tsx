import type { SelectHTMLAttributes } from "react";

type Option = { value: string; label: string };
type SelectFieldProps = SelectHTMLAttributes<HTMLSelectElement> & { name: string; label: string; options: Option[]; errors?: string[] };

// A labelled select with its error region wired through aria-describedby (like FormField).
export function SelectField({ name, label, options, errors, ...select }: SelectFieldProps) {
  const errorId = `${name}-error`;
  const invalid = Boolean(errors?.length);

  return (
    <div className="space-y-1">
      <label htmlFor={name} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <select
        id={name}
        name={name}
        aria-invalid={invalid}
        aria-describedby={invalid ? errorId : undefined}
        className="block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-xs aria-[invalid=true]:border-red-500"
        {...select}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {invalid ? (
        <p id={errorId} data-testid={`${name}-error`} className="text-xs text-red-600">
          {errors?.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
