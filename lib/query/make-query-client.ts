import { QueryClient } from "@tanstack/react-query";

// One factory with explicit defaults (so every table refreshes the same way): short staleTime so live tables stay
// fresh without refetch storms, and no retries on 4xx (a 401 will not fix itself).
export const makeQueryClient = (): QueryClient =>
  new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 1_000,
        retry: (failureCount, error) => {
          const status = (error as { status?: number }).status;
          if (status && status >= 400 && status < 500) return false;

          return failureCount < 2;
        },
      },
    },
  });
