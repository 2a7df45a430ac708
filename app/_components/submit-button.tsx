import type { ButtonHTMLAttributes } from "react";

type SubmitButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & { variant?: "primary" | "danger" | "secondary" };

const variants = {
  primary: "bg-sky-700 text-white hover:bg-sky-800 disabled:bg-sky-700/60",
  danger: "border border-red-300 bg-white text-red-700 hover:bg-red-50 disabled:opacity-60",
  secondary: "border border-slate-300 bg-white text-slate-700 hover:bg-slate-50 disabled:opacity-60",
} as const;

export function SubmitButton({ variant = "primary", className = "", children, ...button }: SubmitButtonProps) {
  return (
    <button
      type="submit"
      className={`inline-flex items-center justify-center rounded-md px-3 py-1.5 text-sm font-medium shadow-xs ${variants[variant]} ${className}`}
      {...button}
    >
      {children}
    </button>
  );
}
