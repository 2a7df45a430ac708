// A small checker for the iPXE script language, independent of our templates: it is what the
// golden files are held to, so a golden cannot be "right" merely because it matches itself.
// Grammar (https://ipxe.org/scripting): the first line is "#!ipxe"; then blank lines, comments
// ("#..."), labels (":name") and command lines. A command line is commands joined by the
// standalone tokens "||" and "&&"; each command starts with a known command name
// (https://ipxe.org/cmd). "goto <label>" must name a label of the script; labels are unique;
// every "${" settings expansion is closed.

// Every command listed on https://ipxe.org/cmd, lower case as typed.
const knownCommands = new Set([
  "autoboot", "boot", "certfree", "certstat", "certstore", "chain", "choose", "clear", "colour", "config", "console",
  "cpair", "cpuid", "dhcp", "digest", "echo", "exit", "fcels", "fcstat", "goto", "ifclose", "ifconf", "ifopen",
  "ifstat", "imgargs", "imgmem", "ipstat", "iwlist", "iwstat", "nstat", "pciscan", "shim", "imgdecrypt", "imgexec", "imgextract", "imgfetch", "imgfree", "imgload", "imgselect",
  "imgstat", "imgtrust", "imgverify", "inc", "initrd", "iseq", "isset", "item", "kernel", "login", "lotest", "md5sum",
  "menu", "module", "nslookup", "ntp", "param", "params", "ping", "poweroff", "prompt", "pxebs", "read", "reboot",
  "route", "sanboot", "sanhook", "sanunhook", "set", "sha1sum", "shell", "show", "sleep", "sync", "time", "vcreate",
  "vdestroy",
]);

const labelName = /^[A-Za-z0-9_.-]+$/;

export type IpxeSyntaxError = { line: number; message: string };

// Index of an unclosed "${", or -1. iPXE expansions nest ("${${x}}"), so count depth.
const unclosedExpansion = (text: string): number => {
  const open: number[] = [];
  for (let index = 0; index < text.length; index += 1) {
    if (text.startsWith("${", index)) {
      open.push(index);
      index += 1;
    } else if (text[index] === "}" && open.length) {
      open.pop();
    }
  }

  return open.length ? open[0]! : -1;
};

type Line = { number: number; text: string };

const checkCommandLine = ({ number, text }: Line, gotos: { line: number; target: string }[]): IpxeSyntaxError[] => {
  const errors: IpxeSyntaxError[] = [];
  const tokens = text.trim().split(/\s+/);
  const commands: string[][] = [[]];
  for (const token of tokens) {
    if (token === "||" || token === "&&") commands.push([]);
    else commands.at(-1)!.push(token);
  }
  for (const command of commands) {
    const [name, ...args] = command;
    if (name === undefined) {
      errors.push({ line: number, message: "empty command around || or &&" });
      continue;
    }
    if (!knownCommands.has(name)) errors.push({ line: number, message: `unknown command "${name}"` });
    if (name === "goto") {
      if (args.length !== 1) errors.push({ line: number, message: "goto takes exactly one label" });
      else gotos.push({ line: number, target: args[0]! });
    }
  }
  const unclosed = unclosedExpansion(text);
  if (unclosed >= 0) errors.push({ line: number, message: `unclosed \${ at column ${unclosed + 1}` });

  return errors;
};

export const checkIpxeSyntax = (script: string): IpxeSyntaxError[] => {
  const lines = script.split("\n").map((text, index) => ({ number: index + 1, text }));
  const errors: IpxeSyntaxError[] = [];
  if (lines[0]?.text !== "#!ipxe") errors.push({ line: 1, message: 'the first line must be "#!ipxe"' });
  const labels = new Map<string, number>();
  const gotos: { line: number; target: string }[] = [];
  for (const line of lines.slice(1)) {
    const trimmed = line.text.trim();
    if (line.text.includes("\r")) errors.push({ line: line.number, message: "carriage return in line" });
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    if (trimmed.startsWith(":")) {
      const name = trimmed.slice(1);
      if (!labelName.test(name)) errors.push({ line: line.number, message: `bad label "${trimmed}"` });
      else if (labels.has(name)) errors.push({ line: line.number, message: `label "${name}" already defined on line ${labels.get(name)}` });
      else labels.set(name, line.number);
      continue;
    }
    errors.push(...checkCommandLine(line, gotos));
  }
  for (const { line, target } of gotos) {
    if (!labels.has(target)) errors.push({ line, message: `goto target "${target}" is not a label of this script` });
  }

  return errors.sort((a, b) => a.line - b.line);
};
