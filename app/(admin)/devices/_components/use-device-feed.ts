"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { devicesQueryKey } from "@/app/(admin)/devices/_components/device-api";

// Reloads the device lists whenever the live feed (GET /api/v1/devices/changes) says the devices
// changed, in whichever process the change was made. EventSource reconnects by itself after a
// dropped connection (https://html.spec.whatwg.org/multipage/server-sent-events.html).
export function useDeviceFeed(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const source = new EventSource("/api/v1/devices/changes");
    source.addEventListener("devices", () => void queryClient.invalidateQueries({ queryKey: devicesQueryKey }));

    return () => source.close();
  }, [queryClient]);
}
