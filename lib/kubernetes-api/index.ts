// Kubernetes API client: the few read-only GETs the health collector makes.
export * from "./kube-client";
