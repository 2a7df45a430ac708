import { findTalosctl, type TalosctlLocation } from "@/lib/talosctl/find-talosctl";

export type { TalosctlLocation };

// Where the talosctl binary is (or why there is none): the Cluster page offers the talosctl generator only then.
export const locateTalosctl = (): Promise<TalosctlLocation> => findTalosctl();
