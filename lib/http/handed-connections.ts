import type { Server } from "node:http";
import type { Socket } from "node:net";
import { maxRequestLineBytes } from "@/lib/http/connection-role";

// The cluster's primary accepts every connection, reads its first request line and hands the
// socket, with the bytes it read, to the web process that serves it (scripts/web-cluster.ts,
// docs/architecture.md "Processes"). Node passes a socket to a child process over the IPC channel
// (https://nodejs.org/api/child_process.html#example-sending-a-socket-object); the bytes already
// read travel in the message and are fed to the child's HTTP server before anything else.
export type HandedConnection = { type: "ktizo:connection"; head: string };

const isHandedConnection = (message: unknown): message is HandedConnection =>
  typeof message === "object" && message !== null && (message as { type?: unknown }).type === "ktizo:connection" && typeof (message as { head?: unknown }).head === "string";

export const handedConnection = (head: Buffer): HandedConnection => ({ type: "ktizo:connection", head: head.toString("base64") });

// Stops this process reading the socket at all: whatever the client sends next stays in the
// kernel's buffer for the process the socket is handed to. pause() alone only stops 'data' events.
// Node keeps the sender's copy of a passed socket open until the child acknowledges it, and reads
// arriving meanwhile are discarded: without this a body sent right behind its head was lost (70 of
// 300 such requests hung; tests/net/web-processes.test.ts, "loses no byte in the hand-over").
const stopReading = (socket: Socket): void => {
  (socket as unknown as { _handle?: { readStop?: () => void } })._handle?.readStop?.();
  socket.pause();
};

// Primary: the bytes up to and including the first line break (whole chunks, so possibly more), or
// the first maxRequestLineBytes without one. null when the client closed first or sent no line
// within `timeoutMs` (the socket is then destroyed): a client that connects and says nothing never
// reaches a web process.
export const readFirstLine = (socket: Socket, { timeoutMs }: { timeoutMs: number }): Promise<Buffer | null> =>
  new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (head: Buffer | null) => {
      clearTimeout(timer);
      socket.off("data", onData);
      socket.off("close", onClose);
      resolve(head);
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (!chunk.includes(0x0a) && size < maxRequestLineBytes) return;
      stopReading(socket);
      finish(Buffer.concat(chunks));
    };
    const onClose = () => finish(null);
    const timer = setTimeout(() => {
      socket.destroy();
      finish(null);
    }, timeoutMs);
    socket.on("data", onData);
    socket.once("close", onClose);
  });

// The first line of what readFirstLine returned, as text (latin1: a request line is ASCII, and
// nothing else in it is interpreted).
export const firstLineOf = (head: Buffer): string => {
  const end = head.indexOf(0x0a);

  return head.subarray(0, end === -1 ? head.length : end).toString("latin1").replace(/\r$/, "");
};

// Web process: connections handed over by the primary go to `server` as if it had accepted them.
// The server never listens itself; `listening` is emitted once so Node starts its connection
// bookkeeping (headersTimeout and requestTimeout checks, closeAllConnections), which it otherwise
// starts on listen. Returns a function that makes later handed connections be closed at once
// (shutdown).
export const acceptHandedConnections = (server: Server): (() => void) => {
  let accepting = true;
  server.emit("listening");
  process.on("message", (message: unknown, socket?: Socket) => {
    if (!isHandedConnection(message) || !socket) return;
    if (!accepting) {
      socket.destroy();

      return;
    }
    server.emit("connection", socket);
    socket.emit("data", Buffer.from(message.head, "base64"));
    socket.resume();
  });

  return () => {
    accepting = false;
  };
};
