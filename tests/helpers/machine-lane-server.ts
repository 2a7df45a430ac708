// A node:http server that plays a web process for tests/integration/machine-lane.test.ts, in a
// process of its own so its event loop is not the test's: every request is worked on in four
// synchronous 2 ms steps with an await between them (requests inside interleave, as inside Next),
// through the machine lane unless KTIZO_TEST_LANE=off.
import { createServer } from "node:http";
import { throughMachineLane } from "@/lib/http/machine-lane";

const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

const server = createServer((req, res) => {
  const handle = async () => {
    for (let step = 0; step < 4; step += 1) {
      busy(2);
      await nextTurn();
    }
    res.end("ok");
  };
  if (req.url === "/health") res.end("ok");
  else if (process.env.KTIZO_TEST_LANE === "off") void handle();
  else throughMachineLane(req, res, () => void handle());
});
server.listen(Number(process.env.PORT), "127.0.0.1");
process.on("SIGTERM", () => process.exit(0));
