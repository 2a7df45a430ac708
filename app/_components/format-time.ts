// Server-rendered times in one fixed form (UTC), so pages read the same for every admin.
export const formatTime = (iso: string | null): string => (iso ? `${iso.slice(0, 19).replace("T", " ")} UTC` : "—");
