// A client that behaves as Talos does in console-code mode, written from Talos's code:
// - kernel arguments: pkg/machinery/constants/constants.go (talos.config.oauth.*) and
//   internal/app/machined/pkg/runtime/v1alpha1/platform/metal/oauth2/oauth2.go (NewConfig,
//   DeviceAuthFlow): extra variables go into the device authorization AND every token request;
//   the token becomes "Authorization: <Type> <access_token>" on the talos.config download.
// - golang.org/x/oauth2 deviceauth.go (DeviceAuth, DeviceAccessToken) and internal/token.go
//   (RetrieveToken): one poll at once, then every `interval` s (5 if absent), +5 s per slow_down,
//   a deadline at expires_in; each poll first with HTTP Basic client auth and, on an error
//   answer, repeated at once with client_id in the body, until one succeeds (auth-style probe).
// Clock and transport are injected so tests run it against route handlers with a fake clock.
export type Transport = (req: Request) => Promise<Response>;

export type Machine = { uuid: string; serial: string; mac: string };

export type OauthArgs = { clientId: string; deviceAuthUrl: string; tokenUrl: string; extraVariables: string[]; configUrl: string };

export class OauthFlowError extends Error {
  constructor(readonly code: string, readonly status: number) {
    super(`oauth2: ${code || `status ${status}`}`);
  }
}

export type PollLog = { at: number; auth: "basic" | "params"; status: number; error: string | null };

export const parseTalosKernelArgs = (script: string): OauthArgs => {
  const words = (script.split("\n").find((line) => line.startsWith("kernel ")) ?? "").split(" ");
  const all = (name: string) => words.filter((word) => word.startsWith(`${name}=`)).map((word) => word.slice(name.length + 1));
  const one = (name: string) => all(name)[0] ?? "";

  return {
    clientId: one("talos.config.oauth.client_id"),
    deviceAuthUrl: one("talos.config.oauth.device_auth_url"),
    tokenUrl: one("talos.config.oauth.token_url"),
    extraVariables: all("talos.config.oauth.extra_variable"),
    configUrl: one("talos.config"),
  };
};

type ClientOptions = {
  args: OauthArgs;
  machine: Machine;
  send: Transport;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  onUserCode?: (code: string) => void | Promise<void>;
  // Only for the "polling too fast" test: a client ignoring `interval` until its first slow_down.
  pollEverySeconds?: number;
};

const form = (values: Record<string, string>) => new URLSearchParams(values).toString();

// Go's url.QueryEscape, as x/oauth2 applies it to the Basic credentials.
const queryEscape = (value: string) => encodeURIComponent(value).replace(/%20/g, "+");

export class TalosOauthClient {
  readonly polls: PollLog[] = [];
  private authStyleCached: "basic" | "params" | null = null;

  constructor(private readonly options: ClientOptions) {}

  private variables(): Record<string, string> {
    const { machine, args } = this.options;
    const values: Record<string, string> = { uuid: machine.uuid, serial: machine.serial, mac: machine.mac };

    return Object.fromEntries(args.extraVariables.map((name) => [name, values[name] ?? ""]));
  }

  async deviceAuth(): Promise<{ device_code: string; user_code: string; verification_uri: string; expires_in: number; interval?: number }> {
    const { args, send } = this.options;
    const response = await send(
      new Request(args.deviceAuthUrl, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
        body: form({ client_id: args.clientId, ...this.variables() }),
      }),
    );
    const body = (await response.json()) as Record<string, unknown>;
    if (response.status < 200 || response.status > 299) throw new OauthFlowError(String(body.error ?? ""), response.status);

    return body as never;
  }

  private async roundTrip(values: Record<string, string>, style: "basic" | "params"): Promise<{ token?: { access_token: string; token_type: string }; error?: OauthFlowError }> {
    const { args, send, now } = this.options;
    const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
    if (style === "basic") headers.authorization = `Basic ${Buffer.from(`${queryEscape(args.clientId)}:`).toString("base64")}`;
    const response = await send(new Request(args.tokenUrl, { method: "POST", headers, body: form(values) }));
    const body = (await response.json()) as Record<string, string>;
    this.polls.push({ at: now(), auth: style, status: response.status, error: body.error ?? null });
    const failed = response.status < 200 || response.status > 299 || Boolean(body.error);
    if (failed) return { error: new OauthFlowError(body.error ?? "", response.status) };
    if (!body.access_token) return { error: new OauthFlowError("missing access_token", response.status) };

    return { token: { access_token: body.access_token, token_type: body.token_type ?? "" } };
  }

  // internal.RetrieveToken with AuthStyleAutoDetect.
  private async retrieveToken(values: Record<string, string>) {
    if (this.authStyleCached) return this.roundTrip(values, this.authStyleCached);
    let result = await this.roundTrip(values, "basic");
    let style: "basic" | "params" = "basic";
    if (result.error) {
      style = "params";
      result = await this.roundTrip(values, "params");
    }
    if (!result.error) this.authStyleCached = style;

    return result;
  }

  async deviceAccessToken(deviceCode: string, intervalSeconds: number | undefined, expiresAt: number): Promise<{ access_token: string; token_type: string }> {
    const { args, sleep, now, pollEverySeconds } = this.options;
    const values = { client_id: args.clientId, grant_type: "urn:ietf:params:oauth:grant-type:device_code", device_code: deviceCode, ...this.variables() };
    const first = await this.retrieveToken(values);
    if (first.token) return first.token;
    let interval = intervalSeconds || 5;
    let tooFast = pollEverySeconds;
    for (;;) {
      await sleep((tooFast ?? interval) * 1000);
      if (now() >= expiresAt) throw new OauthFlowError("context deadline exceeded", 0);
      const { token, error } = await this.retrieveToken(values);
      if (token) return token;
      if (error?.code === "slow_down") {
        interval += 5;
        tooFast = undefined;
      }
      else if (error?.code !== "authorization_pending") throw error;
    }
  }

  // DeviceAuthFlow: returns the extra header of the talos.config download.
  async deviceAuthFlow(): Promise<Record<string, string>> {
    const started = this.options.now();
    const auth = await this.deviceAuth();
    await this.options.onUserCode?.(auth.user_code);
    const token = await this.deviceAccessToken(auth.device_code, auth.interval, started + auth.expires_in * 1000);
    // oauth2.Token.Type(): "bearer" in any case becomes "Bearer"; empty means Bearer.
    const type = !token.token_type || token.token_type.toLowerCase() === "bearer" ? "Bearer" : token.token_type;

    return { Authorization: `${type} ${token.access_token}` };
  }

  async downloadConfig(headers: Record<string, string>): Promise<Response> {
    return this.options.send(new Request(this.options.args.configUrl, { method: "GET", headers }));
  }
}
