import { Notice } from "@/app/_components/notice";

// Shown on Devices and Overview while no approved control plane holds the cluster endpoint's IP.
export function EndpointWarning({ message }: { message: string | null }) {
  if (!message) return null;

  return (
    <Notice tone="error" testId="endpoint-warning">
      {message}
    </Notice>
  );
}
