type SelectFieldProps = { name: string; label: string; options: [string, string][]; defaultValue?: string; errors?: string[] };

// A labelled select with its error region wired through aria-describedby (like FormField).
export function SelectField({ name, label, options, defaultValue, errors }: SelectFieldProps) {
  const invalid = Boolean(errors?.length);

  return (
    <div className="space-y-1">
      <label htmlFor={name} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <select
        id={name}
        name={name}
        defaultValue={defaultValue}
        aria-invalid={invalid}
        aria-describedby={invalid ? `${name}-error` : undefined}
        className="block w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm"
      >
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
      {invalid ? (
        <p id={`${name}-error`} data-testid={`${name}-error`} className="text-xs text-red-600">
          {errors?.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
