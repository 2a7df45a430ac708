import { onDatabaseChange } from "@/lib/data/change-signal";

// For the worker's triggered jobs (worker/jobs/): `listener` runs within ~100 ms of any commit by
// any process (SQLite's data_version, lib/data/change-signal.ts). Returns the unsubscribe function.
export const watchDatabaseChanges = (listener: () => void): (() => void) => onDatabaseChange(listener);
