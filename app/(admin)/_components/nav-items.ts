// The admin navigation. Each page adds its own entry when it exists (issue 2: list only real pages).
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
