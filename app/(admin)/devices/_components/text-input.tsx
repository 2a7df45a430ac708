import type { InputHTMLAttributes, SelectHTMLAttributes } from "react";

const fieldClass = "block w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm outline-none focus:border-sky-600 focus:ring-2 focus:ring-sky-600/20";

type LabelledProps = { label: string; name: string; error?: string };

// `error` (the API's sentence for this field) shows under the input, which is marked invalid.
export function TextInput({ label, name, error, ...input }: LabelledProps & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className="block space-y-1 text-sm">
      <span className="font-medium text-slate-700">{label}</span>
      <input
        name={name}
        data-testid={`input-${name}`}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? `${name}-error` : undefined}
        className={`${fieldClass} aria-[invalid=true]:border-red-500`}
        {...input}
      />
      {error ? (
        <span id={`${name}-error`} data-testid={`${name}-error`} className="block text-xs text-red-600">
          {error}
        </span>
      ) : null}
    </label>
  );
}

export function SelectInput({ label, name, error, children, ...select }: LabelledProps & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <label className="block space-y-1 text-sm">
      <span className="font-medium text-slate-700">{label}</span>
      <select name={name} data-testid={`input-${name}`} className={fieldClass} {...select}>
        {children}
      </select>
      {error ? (
        <span id={`${name}-error`} data-testid={`${name}-error`} className="block text-xs text-red-600">
          {error}
        </span>
      ) : null}
    </label>
  );
}
