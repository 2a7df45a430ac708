import { fork, type ChildProcess } from "node:child_process";
import { connect, createServer, type Server, type Socket } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstLineOf, handedConnection, readFirstLine } from "@/lib/http/handed-connections";

// The hand-over of scripts/web-cluster.ts on real sockets, without Next: this process plays the
// primary (accepts, reads the first line, sends the socket), a child plays the web process.
const repo = path.resolve(import.meta.dirname, "../..");
let child: ChildProcess;
let primary: Server;
let port = 0;
const firstLines: string[] = [];

beforeAll(async () => {
  child = fork(path.join(repo, "tests/helpers/handed-connection-server.ts"), [], { cwd: repo, execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  await new Promise<void>((resolve) => child.on("message", (message: { type?: string }) => message.type === "ktizo:ready" && resolve()));
  primary = createServer((socket) => {
    socket.on("error", () => undefined);
    void readFirstLine(socket, { timeoutMs: 1_000 }).then((head) => {
      if (!head) return;
      firstLines.push(firstLineOf(head));
      child.send(handedConnection(head), socket, { keepOpen: false });
    });
  });
  await new Promise<void>((resolve) => primary.listen(0, "127.0.0.1", resolve));
  port = (primary.address() as { port: number }).port;
}, 60_000);

afterAll(() => {
  primary?.close();
  child?.kill("SIGTERM");
});

const opened = async (): Promise<{ socket: Socket; answer: Promise<{ text: string; closedAfterMs: number }> }> => {
  const socket = connect(port, "127.0.0.1");
  await new Promise((resolve, reject) => socket.once("connect", resolve).once("error", reject));
  const started = Date.now();
  const answer = new Promise<{ text: string; closedAfterMs: number }>((resolve) => {
    let text = "";
    socket.setEncoding("latin1").on("data", (chunk: string) => (text += chunk));
    socket.on("error", () => undefined).once("close", () => resolve({ text, closedAfterMs: Date.now() - started }));
  });

  return { socket, answer };
};

describe("a connection handed from the primary to a web process", () => {
  it("is answered by the web process, the bytes the primary read included", async () => {
    const { socket, answer } = await opened();
    socket.write("GET /boot.ipxe?mac=52-54-00-00-00-01 HTTP/1.1\r\nHost: ktizo\r\nConnection: close\r\n\r\n");
    const { text } = await answer;
    expect(text).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(text).toContain("GET /boot.ipxe?mac=52-54-00-00-00-01");
    expect(firstLines).toContain("GET /boot.ipxe?mac=52-54-00-00-00-01 HTTP/1.1");
  });

  it("keeps Node's header timeout in the web process: a client that sends its first line and then trickles nothing is closed", async () => {
    // The web process never listens; without its connection bookkeeping (started by the
    // `listening` it emits) no header timeout would ever fire and the connection would stay open.
    const { socket, answer } = await opened();
    socket.write("GET / HTTP/1.1\r\nHost: ktizo\r\n");
    const { text, closedAfterMs } = await answer;
    expect(text).toMatch(/^HTTP\/1\.1 408/);
    expect(closedAfterMs).toBeLessThan(5_000);
  });

  it("closes, in the primary, a client that sends no line within the timeout: it never reaches the web process", async () => {
    const before = firstLines.length;
    const { answer } = await opened();
    const { text, closedAfterMs } = await answer;
    expect(text).toBe("");
    expect(closedAfterMs).toBeGreaterThanOrEqual(900);
    expect(firstLines.length).toBe(before);
  });
});
