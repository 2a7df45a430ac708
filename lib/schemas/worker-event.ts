import { z } from "zod";

// A file event as the worker acts on it (chokidar's add/change/unlink on a file path).
export const watchEventSchema = z.object({
  type: z.enum(["add", "change", "unlink"]),
  path: z.string().min(1).refine((value) => value.startsWith("/"), "absolute path expected"),
});
export type WatchEvent = z.infer<typeof watchEventSchema>;
