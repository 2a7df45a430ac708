// Admin-written patterns for MACs, UUIDs and serials: `*` is any run of characters, `?` one
// character, everything else literal. Matching is case-insensitive because firmware reports
// UUIDs and serials in whatever case its vendor chose.
//
// Not a RegExp: `*a*a*a…b` compiled to `.*a.*a…b` backtracks exponentially, and patterns come from
// admins while values come from any machine on the wire. The greedy two-pointer walk below is
// O(pattern × value) in the worst case.
export const maxPatternLength = 128;

export const globMatches = (pattern: string, value: string | null | undefined): boolean => {
  if (value === null || value === undefined) return false;
  if (pattern.length > maxPatternLength) throw new RangeError("pattern too long");
  const p = pattern.toLowerCase();
  const v = value.toLowerCase();
  let pi = 0;
  let vi = 0;
  let starAt = -1;
  let resumeAt = 0;
  while (vi < v.length) {
    if (pi < p.length && (p[pi] === "?" || (p[pi] !== "*" && p[pi] === v[vi]))) {
      pi += 1;
      vi += 1;
    } else if (pi < p.length && p[pi] === "*") {
      starAt = pi;
      resumeAt = vi;
      pi += 1;
    } else if (starAt >= 0) {
      // Let the last star swallow one more character and retry from there.
      pi = starAt + 1;
      resumeAt += 1;
      vi = resumeAt;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === "*") pi += 1;

  return pi === p.length;
};
