// The kernel arguments that turn on Talos's OAuth2 device flow before it fetches talos.config.
// Names from pkg/machinery/constants/constants.go (KernelParamConfigOAuth*):
// https://github.com/siderolabs/talos/blob/main/pkg/machinery/constants/constants.go
// Talos reads client_id (the flow is off without it), device_auth_url, token_url and every
// extra_variable (repeatable): it sends each variable as a form field of the device authorization
// request, named as the variable (uuid, serial, mac), valued from SMBIOS / the first NIC
// (internal/app/machined/pkg/runtime/v1alpha1/platform/metal/url/variable.go, value.go).
export const oauthClientId = "ktizo";
export const oauthExtraVariables = ["uuid", "serial", "mac"] as const;

type OauthArgsOptions = { httpBaseUrl: string; mac: string };

const base = (httpBaseUrl: string): string => httpBaseUrl.replace(/\/+$/, "");

// The MAC ktizo saw at PXE time rides in the device authorization URL itself: Talos's own `mac`
// variable is its first NIC, which may not be the one that booted (same as configDownloadUrl).
export const deviceAuthorizationUrl = ({ httpBaseUrl, mac }: OauthArgsOptions): string => `${base(httpBaseUrl)}/api/v1/oauth/device?mac=${mac}`;
export const tokenUrl = (httpBaseUrl: string): string => `${base(httpBaseUrl)}/api/v1/oauth/token`;
export const verificationUri = (httpBaseUrl: string): string => `${base(httpBaseUrl)}/code`;

export const talosOauthKernelArgs = ({ httpBaseUrl, mac }: OauthArgsOptions): string[] => [
  `talos.config.oauth.client_id=${oauthClientId}`,
  `talos.config.oauth.device_auth_url=${deviceAuthorizationUrl({ httpBaseUrl, mac })}`,
  `talos.config.oauth.token_url=${tokenUrl(httpBaseUrl)}`,
  ...oauthExtraVariables.map((name) => `talos.config.oauth.extra_variable=${name}`),
];
