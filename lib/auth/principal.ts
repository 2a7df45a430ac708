// Who is acting: a logged-in admin or an API token. Events name the actor.
export type Principal =
  | { kind: "user"; userId: string; username: string; sessionId: string }
  | { kind: "token"; tokenId: string; name: string };

export type Actor =
  | { type: "user"; id: string; name: string }
  | { type: "token"; id: string; name: string }
  | { type: "rule"; id: string; name: string }
  | { type: "device"; id: string; name: string }
  | { type: "system"; id?: undefined; name?: string };

export const actorOf = (principal: Principal): Actor =>
  principal.kind === "user"
    ? { type: "user", id: principal.userId, name: principal.username }
    : { type: "token", id: principal.tokenId, name: principal.name };

export const systemActor: Actor = { type: "system", name: "ktizo" };
