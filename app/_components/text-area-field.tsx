import type { TextareaHTMLAttributes } from "react";
import { controlAria, FieldFrame } from "@/app/_components/field-frame";

type TextAreaFieldProps = TextareaHTMLAttributes<HTMLTextAreaElement> & { name: string; label: string; hint?: string; errors?: string[] };

// A labelled textarea with its error region wired through aria-describedby (like FormField).
// Its error messages are shown one per line (multilineErrors).
export function TextAreaField({ name, label, hint, errors, ...textarea }: TextAreaFieldProps) {
  return (
    <FieldFrame name={name} label={label} hint={hint} errors={errors} multilineErrors>
      <textarea
        {...controlAria(name, errors)}
        spellCheck={false}
        className="block w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 font-mono text-xs shadow-xs outline-none focus:border-sky-600 focus:ring-2 focus:ring-sky-600/20 aria-[invalid=true]:border-red-500"
        {...textarea}
      />
    </FieldFrame>
  );
}
