"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { devicesQueryKey } from "@/app/(admin)/devices/_components/device-api";

// Every device change refreshes both the react-query lists and the server-rendered parts
// (counts, warning, timeline), so no part of the page shows the device as it was before the change.
export const useDeviceMutation = <TInput, TResult>(fn: (input: TInput) => Promise<TResult>, onDone?: (result: TResult) => void) => {
  const queryClient = useQueryClient();
  const router = useRouter();

  return useMutation({
    mutationFn: fn,
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: devicesQueryKey });
      router.refresh();
      onDone?.(result);
    },
  });
};
