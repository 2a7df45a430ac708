import { hasAdmin } from "@/lib/auth/has-admin";

// True until the first admin exists: start-up then points the operator at /setup.
export const needsFirstAdmin = async (): Promise<boolean> => !(await hasAdmin());
