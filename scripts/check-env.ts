// `npm start`'s first step: every setting in the environment (the web app's, lib/env.ts, and the
// worker's, worker/config.ts) is checked before anything migrates or listens. A bad value exits 2
// naming the variable, instead of starting and failing on first use (a bad KTIZO_SECRET_KEY used
// to surface only at the first Apply, as an unrelated error).
import { secretKeyFileProblem } from "@/lib/crypto/secret-key";
import { environmentProblems } from "@/lib/env";
import { paths } from "@/lib/paths";
import { workerEnvironmentProblems } from "@/worker/config";
import { closedLevelFor } from "@/worker/dnsmasq/closed-directory";

const problems = [...new Set([...environmentProblems(), ...workerEnvironmentProblems()])];
// The key file is only read once the environment itself is valid (its location comes from it).
if (problems.length === 0) {
  const keyFile = await secretKeyFileProblem();
  if (keyFile) problems.push(`KTIZO_SECRET_KEY: ${keyFile}`);
}
if (problems.length > 0) {
  for (const problem of problems) process.stderr.write(`ktizo: invalid setting ${problem}\n`);
  process.stderr.write("ktizo: not starting; fix the settings above (README.md lists them)\n");
  process.exit(2);
}

// Not a bad setting but a bad place, said now rather than at the first PXE boot: dnsmasq reads its
// TFTP root and the reservations as user nobody (docs/deployment.md, Troubleshooting). A warning,
// not a refusal: a try-out of the dashboard without dnsmasq needs neither.
const { tftpRoot } = paths();
const closed = await closedLevelFor(tftpRoot);
if (closed) {
  process.stderr.write(
    `ktizo: warning: dnsmasq runs as user nobody, which cannot enter ${closed.path} (mode ${closed.mode}) on the way to its TFTP root ${tftpRoot}: ` +
      `PXE boots and reserved addresses will fail. Let others search it (chmod o+x ${closed.path}), move the checkout (e.g. to /opt/ktizo) or set KTIZO_COMPILED_DIR.\n`,
  );
}
