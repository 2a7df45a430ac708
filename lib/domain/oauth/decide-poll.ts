// Token-endpoint polling decisions for RFC 8628 §3.4/3.5, shaped by how Talos actually polls.
// Talos (internal/app/machined/pkg/runtime/v1alpha1/platform/metal/oauth2/oauth2.go) uses
// golang.org/x/oauth2 Config.DeviceAccessToken
// (https://github.com/golang/oauth2/blob/master/deviceauth.go): one poll right after the device
// authorization, then one every `interval` seconds from a ticker, +5 s after each slow_down.
// Each poll goes through internal.RetrieveToken
// (https://github.com/golang/oauth2/blob/master/internal/token.go), which, until a token request
// succeeds once, sends the request with HTTP Basic client auth and, on any error answer, repeats
// it at once with client_id in the body (the "auth style probe"). So every poll of a pending
// code arrives as two requests milliseconds apart: the repeat is part of the same poll, not a
// client polling too fast.
export type PollState = {
  interval: number;
  lastPollAt: Date | null;
  lastPollRepeat: boolean;
  lastAnswer: string | null;
};

export type PollDecision =
  | { kind: "poll" } // a new poll: answer from the authorization state
  | { kind: "repeat"; answer: string | null } // the probe's second request: same answer as the poll
  | { kind: "too-fast"; interval: number }; // slow_down, with the raised interval

// A ticker fires on time, but the server sees requests shifted by network and scheduling jitter.
export const pollToleranceMs = 1000;
// The probe's repeat follows its first request immediately; 2 s leaves room for a slow link.
export const probeRepeatWindowMs = 2000;
export const slowDownStepSeconds = 5;

export const decidePoll = (state: PollState, now: Date): PollDecision => {
  if (!state.lastPollAt) return { kind: "poll" };
  const elapsed = now.getTime() - state.lastPollAt.getTime();
  if (elapsed >= state.interval * 1000 - pollToleranceMs) return { kind: "poll" };
  if (elapsed <= probeRepeatWindowMs && !state.lastPollRepeat) return { kind: "repeat", answer: state.lastAnswer };

  return { kind: "too-fast", interval: state.interval + slowDownStepSeconds };
};
