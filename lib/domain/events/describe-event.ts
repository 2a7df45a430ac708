// An audit event as a person reads it: a title ("Config downloaded"), a short detail line in words,
// the links to what it is about (device, rule, group, webhook), and a tone for the timeline dot.
// The device page's boot timeline and the Events page both show events through this.
export type EventInput = {
  type: string;
  actor: { type: string; id: string | null; name: string | null };
  sourceIp: string | null;
  deviceId: string | null;
  details: Record<string, unknown>;
};

export type EventLink = { href: string; label: string };
export type EventTone = "ok" | "warn" | "bad" | "info";
// detail: who, from where, then the facts; facts: the event's own details only.
export type DescribedEvent = { title: string; detail: string; facts: string; links: EventLink[]; tone: EventTone };

const titles: Record<string, [string, EventTone]> = {
  "device.registered": ["First seen (registered)", "info"],
  "device.created": ["Added by an admin", "info"],
  "device.approved": ["Approved", "ok"],
  "device.rejected": ["Rejected", "bad"],
  "device.updated": ["Settings changed", "info"],
  "device.deleted": ["Deleted", "bad"],
  "device.reinstall": ["Reinstall requested", "warn"],
  "device.provisioned": ["Installed (config delivered)", "ok"],
  "boot.script_served": ["Boot script served", "info"],
  "config.downloaded": ["Config downloaded", "ok"],
  "config.refused": ["Config download refused", "bad"],
  "config.download_refused": ["Config download refused after install", "bad"],
  "boot.identity_mismatch": ["Source address bound to another MAC", "bad"],
  "boot.identity_unverified": ["Identity not verified (IP only)", "warn"],
  "device.identity_changed": ["Reported another identity (kept the approved one)", "bad"],
  "device.report_invalid": ["Sent an invalid report", "warn"],
  "device.hostname_released": ["Hostname given to another device", "warn"],
  "device.code_issued": ["Console code shown", "info"],
  "device.code_approved": ["Console code approved", "ok"],
  "device.code_denied": ["Console code denied", "bad"],
  "device.code_expired": ["Console code expired", "warn"],
  "device.code_refused": ["Console code refused", "bad"],
  "node.ready": ["Node Ready", "ok"],
  "node.not_ready": ["Node not Ready", "bad"],
  "settings.applied": ["Network settings applied", "ok"],
  "rule.saved": ["Rule saved", "info"],
  "rule.deleted": ["Rule deleted", "warn"],
  "group.saved": ["Group saved", "info"],
  "group.deleted": ["Group deleted", "warn"],
  "webhook.saved": ["Webhook saved", "info"],
  "webhook.deleted": ["Webhook deleted", "warn"],
  "auth.login_failed": ["Sign-in failed", "warn"],
  "cluster.bootstrap_failed": ["Bootstrap failed", "bad"],
  "cluster.bootstrapped": ["Cluster bootstrapped", "ok"],
  "cluster.degraded": ["Cluster degraded", "bad"],
  "cluster.healthy": ["Cluster healthy", "ok"],
  "asset.import_failed": ["Boot asset import failed", "bad"],
};

// "config.download_refused" -> "Config download refused" for a type without its own title.
const fallbackTitle = (type: string): string => {
  const text = type.replace(/[._]/g, " ");

  return text[0]!.toUpperCase() + text.slice(1);
};

// Keys shown as links, or not at all (ids say nothing to a person).
const hiddenKeys = new Set(["ruleId", "groupId", "webhookId", "authorizationId", "id", "deviceId"]);

const keyWords = (key: string): string => key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();

const valueText = (value: unknown): string => {
  if (value === null || value === undefined) return "none";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (Array.isArray(value)) return value.map((entry) => (typeof entry === "object" && entry !== null ? compactObject(entry as Record<string, unknown>) : String(entry))).join(", ");
  if (typeof value === "object") return compactObject(value as Record<string, unknown>);
  const text = String(value);

  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
};

const compactObject = (value: Record<string, unknown>): string =>
  Object.entries(value)
    .map(([key, entry]) => `${keyWords(key)} ${valueText(entry)}`)
    .join(" ");

const linksOf = (event: EventInput): EventLink[] => {
  const { details } = event;
  const name = typeof details.name === "string" ? details.name : null;
  const links: EventLink[] = [];
  if (event.deviceId && event.type !== "device.deleted") {
    links.push({ href: `/devices/${encodeURIComponent(event.deviceId)}`, label: typeof details.mac === "string" ? details.mac : event.actor.type === "device" && event.actor.name ? event.actor.name : "device" });
  }
  const target = (key: string, path: string, noun: string) => {
    const id = details[key];
    if (typeof id === "string" && !event.type.endsWith(".deleted")) links.push({ href: `/${path}/${encodeURIComponent(id)}`, label: `${noun} ${name ?? ""}`.trim() });
  };
  target("ruleId", "rules", "rule");
  target("groupId", "groups", "group");
  target("webhookId", "webhooks", "webhook");
  // A device approved by a rule: the actor is the rule.
  if (event.actor.type === "rule" && event.actor.id) links.push({ href: `/rules/${encodeURIComponent(event.actor.id)}`, label: `rule ${event.actor.name ?? ""}`.trim() });

  return links;
};

const actorText = (actor: EventInput["actor"]): string => {
  if (actor.type === "system") return actor.name ? `by ${actor.name}` : "by ktizo";
  if (actor.type === "device") return "by the machine";

  return `by ${actor.type === "user" ? "" : `${actor.type} `}${actor.name ?? "?"}`;
};

export const describeEvent = (event: EventInput): DescribedEvent => {
  const [title, tone] = titles[event.type] ?? [fallbackTitle(event.type), "info" as const];
  const facts = Object.entries(event.details)
    .filter(([key, value]) => !hiddenKeys.has(key) && value !== undefined && !(key === "mac" && event.deviceId))
    .map(([key, value]) => `${keyWords(key)}: ${valueText(value)}`);
  const detail = [actorText(event.actor), event.sourceIp ? `from ${event.sourceIp}` : null, ...facts].filter(Boolean).join(" · ");

  return { title, detail, facts: facts.join(" · "), links: linksOf(event), tone };
};
