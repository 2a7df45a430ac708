// Next's start-up hook. Intentionally empty of work: background jobs (the webhook dispatcher, asset
// imports, retention) run only in the worker (worker/jobs/, docs/architecture.md), so a web process
// holds no timers and any number of them can serve side by side.
export async function register() {}
