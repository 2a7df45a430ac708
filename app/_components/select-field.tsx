import type { SelectHTMLAttributes } from "react";
import { controlAria, FieldFrame } from "@/app/_components/field-frame";

type Option = { value: string; label: string };
type SelectFieldProps = SelectHTMLAttributes<HTMLSelectElement> & { name: string; label: string; options: Option[]; errors?: string[] };

// A labelled select with its error region wired through aria-describedby (like FormField).
export function SelectField({ name, label, options, errors, ...select }: SelectFieldProps) {
  return (
    <FieldFrame name={name} label={label} errors={errors}>
      <select
        {...controlAria(name, errors)}
        className="block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-xs aria-[invalid=true]:border-red-500"
        {...select}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}
