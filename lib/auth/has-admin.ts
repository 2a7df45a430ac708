import { countUsers } from "@/lib/data/users";

// Users are never deleted, so once an admin exists the answer is cached for the process.
let adminExists = false;

export const hasAdmin = async (): Promise<boolean> => {
  if (adminExists) return true;
  adminExists = (await countUsers()) > 0;

  return adminExists;
};

export const markAdminCreated = (): void => {
  adminExists = true;
};
