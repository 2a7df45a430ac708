import type { InputHTMLAttributes, SelectHTMLAttributes } from "react";

const fieldClass = "block w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm outline-none focus:border-sky-600 focus:ring-2 focus:ring-sky-600/20";

type LabelledProps = { label: string; name: string };

export function TextInput({ label, name, ...input }: LabelledProps & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className="block space-y-1 text-sm">
      <span className="font-medium text-slate-700">{label}</span>
      <input name={name} data-testid={`input-${name}`} className={fieldClass} {...input} />
    </label>
  );
}

export function SelectInput({ label, name, children, ...select }: LabelledProps & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <label className="block space-y-1 text-sm">
      <span className="font-medium text-slate-700">{label}</span>
      <select name={name} data-testid={`input-${name}`} className={fieldClass} {...select}>
        {children}
      </select>
    </label>
  );
}
