// A strict reader of the Prometheus text exposition format (0.0.4), enough to prove /metrics
// parses: every line is a HELP/TYPE comment or `name{label="value",...} number`, every sample
// belongs to a declared family, and label values are properly escaped.
export type Sample = { name: string; labels: Record<string, string>; value: number };
export type ParsedMetrics = { samples: Sample[]; types: Map<string, string> };

const namePattern = "[a-zA-Z_:][a-zA-Z0-9_:]*";
const sampleLine = new RegExp(`^(${namePattern})(\\{(.*)\\})? (\\S+)( \\d+)?$`);
const labelPair = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\["\\n])*)"(,|$)/;
const typeLine = new RegExp(`^# TYPE (${namePattern}) (counter|gauge|histogram|summary|untyped)$`);

const parseValue = (text: string): number => {
  if (text === "+Inf") return Infinity;
  if (text === "-Inf") return -Infinity;
  if (text === "NaN") return NaN;
  const value = Number(text);
  if (Number.isNaN(value)) throw new Error(`not a number: ${text}`);

  return value;
};

const parseLabels = (text: string): Record<string, string> => {
  const labels: Record<string, string> = {};
  let rest = text;
  while (rest.length > 0) {
    const match = labelPair.exec(rest);
    if (!match) throw new Error(`bad labels: ${text}`);
    labels[match[1]!] = match[2]!.replace(/\\n/g, "\n").replace(/\\(["\\])/g, "$1");
    rest = rest.slice(match[0].length);
  }

  return labels;
};

const familyOf = (name: string, types: Map<string, string>): string | undefined =>
  [name, name.replace(/_(bucket|sum|count)$/, "")].find((candidate) => types.has(candidate));

export const parsePrometheusText = (text: string): ParsedMetrics => {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  for (const [index, line] of text.split("\n").entries()) {
    if (line === "" || line.startsWith("# HELP ")) continue;
    const type = typeLine.exec(line);
    if (type) {
      types.set(type[1]!, type[2]!);
      continue;
    }
    const match = sampleLine.exec(line);
    if (!match) throw new Error(`line ${index + 1} is not Prometheus text: ${line}`);
    const name = match[1]!;
    if (!familyOf(name, types)) throw new Error(`line ${index + 1}: sample ${name} has no # TYPE`);
    samples.push({ name, labels: parseLabels(match[3] ?? ""), value: parseValue(match[4]!) });
  }

  return { samples, types };
};

// The value of one series (0 when absent, as Prometheus treats a counter not yet incremented).
export const valueOf = (parsed: ParsedMetrics, name: string, labels: Record<string, string> = {}): number =>
  parsed.samples
    .filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value))
    .reduce((sum, sample) => sum + sample.value, 0);
