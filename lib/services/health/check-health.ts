import { pingDatabase } from "@/lib/data/db";
import type { Health } from "@/lib/schemas/health";

export type { Health };

// A liveness probe that also proves the database answers; cheap enough to poll every second.
export const checkHealth = async (): Promise<Health> => {
  try {
    await pingDatabase();

    return { status: "ok", database: "ok" };
  } catch (error) {
    console.error("[health] database check failed", error);

    return { status: "error", database: "error" };
  }
};
