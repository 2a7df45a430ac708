// Talos 1.11 accepts Kubernetes 1.29.0 - 1.34.x (pkg/machinery/compatibility/talos111), and since
// 1.11 a node rejects a config whose component image tags fall outside it (https://github.com/siderolabs/talos/blob/v1.11.6/pkg/machinery/compatibility/talos111/talos111.go).
export const minKubernetesMinor = 29;
export const maxKubernetesMinor = 34;

export const isSupportedKubernetesVersion = (version: string): boolean => {
  const match = /^v?1\.(\d+)\.(\d+)$/.exec(version);
  if (!match) return false;
  const minor = Number(match[1]);

  return minor >= minKubernetesMinor && minor <= maxKubernetesMinor;
};

// "registry.k8s.io/kube-apiserver:v1.34.1" -> "1.34.1"; null when the image has no :v<semver> tag.
export const imageKubernetesVersion = (image: string): string | null => {
  const match = /:v(\d+\.\d+\.\d+)(?:@sha256:[0-9a-f]{64})?$/.exec(image);

  return match?.[1] ?? null;
};
