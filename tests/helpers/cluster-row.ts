// The Json list columns of ClusterSettings have no database default (prisma/schema.prisma says why):
// a test that creates the row through Prisma directly writes them, with the defaults the UI starts from.
export const clusterListColumns = { podSubnets: ["10.244.0.0/16"], serviceSubnets: ["10.96.0.0/12"], cniUrls: [], additionalSans: [] };
