// The part of autocannon 9's API the benchmarks use (the package ships no types).
declare module "autocannon" {
  namespace autocannon {
    type Request = { method?: string; path?: string; headers?: Record<string, string>; body?: string };
    type Histogram = { p50: number; p99: number; max: number; average: number };
    type Result = {
      start: Date;
      finish: Date;
      requests: { total: number; average: number };
      latency: Histogram;
      throughput: { total: number; average: number };
      errors: number;
      timeouts: number;
      non2xx: number;
    };
    type Options = {
      url: string;
      connections?: number;
      duration?: number;
      amount?: number;
      timeout?: number;
      overallRate?: number;
      method?: string;
      headers?: Record<string, string>;
      requests?: { setupRequest?: (request: Request, context: Record<string, unknown>) => Request }[];
    };
    type Instance = PromiseLike<Result> & { on: (event: "response", listener: (client: unknown, statusCode: number, bytes: number, ms: number) => void) => void };
  }
  function autocannon(options: autocannon.Options): autocannon.Instance;
  export default autocannon;
}
