import { AsyncLocalStorage } from "node:async_hooks";
import type { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// Prisma's better-sqlite3 adapter runs every query on ONE connection. Its mutex covers transactions
// only (node_modules/@prisma/adapter-better-sqlite3/dist/index.js: startTransaction takes it,
// queryRaw/executeRaw run at once). Prisma's client sends model writes through a transaction, so
// they wait; a read outside a transaction, sent while another request's transaction is open
// (BEGIN issued, the transaction awaiting something), runs inside it and sees rows that may yet be
// rolled back. Wrapped here, the connection serves one thing at a time in arrival order: such a
// read waits until the open transaction ends, as it would on a connection of its own.
//
// A query sent on the client (not the transaction's `tx`) from INSIDE an open transaction's work
// would then wait for that transaction forever (until Prisma's transaction timeout). It runs at
// once instead, inside the transaction as before, and is counted (strayQueries) so tests catch it.
type Adapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;

type Scope = { transactionWork: AsyncLocalStorage<true>; strayQueries: number };
// On globalThis: Next may load lib/db more than once, and the one Prisma client (client.ts) must
// see the scope that inTransaction (lib/data/db.ts) sets, whichever copy set it.
const globalForScope = globalThis as unknown as { ktizoOrmScope?: Scope };
const scope = (): Scope => (globalForScope.ktizoOrmScope ??= { transactionWork: new AsyncLocalStorage(), strayQueries: 0 });

// Runs `work` (an interactive transaction's callback and everything it awaits) marked as such.
export const asTransactionWork = <T>(work: () => Promise<T>): Promise<T> => scope().transactionWork.run(true, work);

// Queries sent on the client from inside transaction work since the process started.
export const strayQueryCount = (): number => scope().strayQueries;

// One holder at a time, the others in arrival order.
const createFifoLock = () => {
  let tail: Promise<void> = Promise.resolve();

  return (): Promise<() => void> => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const turn = tail.then(() => release);
    tail = tail.then(() => held);

    return turn;
  };
};

const serialize = (adapter: Adapter): Adapter => {
  const acquire = createFifoLock();
  const exclusive = async <T>(run: () => Promise<T>): Promise<T> => {
    if (scope().transactionWork.getStore()) {
      scope().strayQueries += 1;

      return run();
    }
    const release = await acquire();
    try {
      return await run();
    } finally {
      release();
    }
  };
  const startTransaction = async (...args: Parameters<Adapter["startTransaction"]>): Promise<Transaction> => {
    const release = await acquire();
    try {
      const transaction = await adapter.startTransaction(...args);
      let ended = false;
      const end = <T>(finish: () => Promise<T>) => async (): Promise<T> => {
        try {
          return await finish();
        } finally {
          if (!ended) {
            ended = true;
            release();
          }
        }
      };

      return new Proxy(transaction, {
        get: (target, property) => {
          if (property === "commit") return end(() => target.commit());
          if (property === "rollback") return end(() => target.rollback());
          const value = Reflect.get(target, property, target);

          return typeof value === "function" ? value.bind(target) : value;
        },
      });
    } catch (error) {
      release();
      throw error;
    }
  };

  return new Proxy(adapter, {
    get: (target, property) => {
      if (property === "queryRaw") return (query: Parameters<Adapter["queryRaw"]>[0]) => exclusive(() => target.queryRaw(query));
      if (property === "executeRaw") return (query: Parameters<Adapter["executeRaw"]>[0]) => exclusive(() => target.executeRaw(query));
      if (property === "executeScript") return (script: string) => exclusive(() => target.executeScript(script));
      if (property === "startTransaction") return startTransaction;
      const value = Reflect.get(target, property, target);

      return typeof value === "function" ? value.bind(target) : value;
    },
  });
};

// The adapter factory with every connection it makes serialized as above.
export const serializedAdapter = (factory: PrismaBetterSQLite3): PrismaBetterSQLite3 =>
  new Proxy(factory, {
    get: (target, property) => {
      if (property === "connect") return async () => serialize(await target.connect());
      const value = Reflect.get(target, property, target);

      return typeof value === "function" ? value.bind(target) : value;
    },
  });
