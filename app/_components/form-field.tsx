import type { InputHTMLAttributes } from "react";
import { controlAria, FieldFrame } from "@/app/_components/field-frame";

type FormFieldProps = InputHTMLAttributes<HTMLInputElement> & { name: string; label: string; errors?: string[] };

// A labelled input with its error region wired up through aria-describedby (screen readers read the error with the field).
export function FormField({ name, label, errors, ...input }: FormFieldProps) {
  return (
    <FieldFrame name={name} label={label} errors={errors}>
      <input
        {...controlAria(name, errors)}
        className="block w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm shadow-xs outline-none focus:border-sky-600 focus:ring-2 focus:ring-sky-600/20 aria-[invalid=true]:border-red-500"
        {...input}
      />
    </FieldFrame>
  );
}
