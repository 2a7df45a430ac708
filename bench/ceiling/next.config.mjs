// The ceiling app is built from a copy outside the repository (bench/lib/ceiling-app.ts): built in
// place, Turbopack took the repository (the nearest lockfile) as its root and bundled ktizo's own
// instrumentation.ts into it. The copy's node_modules is a symlink to the repository's, so the root
// must contain both: "/".
const config = { turbopack: { root: "/" }, outputFileTracingRoot: "/" };

export default config;
