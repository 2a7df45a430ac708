// The admin navigation. Each page adds its own entry when it exists (only pages that exist are listed, so no link leads to a 404).
export type NavItem = { href: string; label: string };

export const navItems: NavItem[] = [
  { href: "/", label: "Overview" },
  { href: "/devices", label: "Devices" },
  { href: "/cluster", label: "Cluster" },
  { href: "/network", label: "Network" },
  { href: "/rules", label: "Rules" },
  { href: "/groups", label: "Groups" },
  { href: "/webhooks", label: "Webhooks" },
  { href: "/tokens", label: "API tokens" },
  { href: "/events", label: "Events" },
  { href: "/docs", label: "API reference" },
];
