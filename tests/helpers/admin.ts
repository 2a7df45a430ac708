import { prisma } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
import { apiTokenPrefix, generateSecretToken, hashToken } from "@/lib/auth/tokens";

// Seeds an admin user and an API token straight into the test database; returns the bearer token.
export const createAdminToken = async (name = "test"): Promise<string> => {
  const user =
    (await prisma.user.findFirst()) ??
    (await prisma.user.create({ data: { username: "admin", passwordHash: await hashPassword("admin-password") } }));
  const token = generateSecretToken(apiTokenPrefix);
  await prisma.apiToken.create({
    data: { name, tokenHash: hashToken(token), prefix: token.slice(0, 8), createdById: user.id },
  });

  return token;
};

export const adminHeaders = (token: string, extra: Record<string, string> = {}): Record<string, string> => ({
  authorization: `Bearer ${token}`,
  "content-type": "application/json",
  ...extra,
});
