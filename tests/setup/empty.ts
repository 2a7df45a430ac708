// Stand-in for the "server-only" package under Vitest (STYLE.md rule 17).
export {};
