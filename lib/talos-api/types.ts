// The decoded shapes of the Talos API replies ktizo reads (field names as in machine.proto).
export type TalosMetadata = { hostname: string; error: string } | null;

export type TalosServiceInfo = {
  id: string;
  state: string;
  health: { unknown: boolean; healthy: boolean; last_message: string } | null;
};

export type TalosEtcdMember = { id: string; hostname: string; peer_urls: string[]; client_urls: string[]; is_learner: boolean };

export type TalosVersionReply = {
  messages: { metadata: TalosMetadata; version: { tag: string; sha: string; arch: string } | null }[];
};
export type TalosServiceListReply = { messages: { metadata: TalosMetadata; services: TalosServiceInfo[] }[] };
export type TalosEtcdMemberListReply = { messages: { metadata: TalosMetadata; members: TalosEtcdMember[] }[] };
export type TalosHostnameReply = { messages: { metadata: TalosMetadata; hostname: string }[] };
export type TalosBootstrapReply = { messages: { metadata: TalosMetadata }[] };
