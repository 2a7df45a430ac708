// The fields an update really changes: a form sends every field, so "present in the input" is not
// "changed". Dates compare by instant; absent (undefined) input fields are left alone by the update.
export const changedFields = <T extends Record<string, unknown>>(current: T, input: Partial<T>): (keyof T & string)[] =>
  (Object.keys(input) as (keyof T & string)[]).filter((key) => {
    const next = input[key];
    if (next === undefined) return false;
    const before = current[key];
    if (before instanceof Date && next instanceof Date) return before.getTime() !== next.getTime();

    return (before ?? null) !== (next ?? null);
  });
