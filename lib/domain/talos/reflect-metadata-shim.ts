// @peculiar/x509 resolves its algorithm providers through tsyringe, which refuses to load unless a
// Reflect metadata API exists. Its classes take no constructor parameters, so a minimal store is
// enough; this avoids pulling in the reflect-metadata package. Must be imported before @peculiar/x509.
type MetadataReflect = typeof Reflect & {
  getMetadata?: (key: unknown, target: object, property?: PropertyKey) => unknown;
  getOwnMetadata?: (key: unknown, target: object, property?: PropertyKey) => unknown;
  defineMetadata?: (key: unknown, value: unknown, target: object, property?: PropertyKey) => void;
  hasMetadata?: (key: unknown, target: object, property?: PropertyKey) => boolean;
  metadata?: (key: unknown, value: unknown) => (target: object, property?: PropertyKey) => void;
};

const reflect = Reflect as MetadataReflect;

if (!reflect.getMetadata) {
  const store = new WeakMap<object, Map<string, unknown>>();
  const slot = (key: unknown, property?: PropertyKey) => `${String(property ?? "")}\u0000${String(key)}`;
  const lookup = (key: unknown, target: object, property?: PropertyKey): unknown => {
    for (let node: object | null = target; node; node = Object.getPrototypeOf(node) as object | null) {
      const found = store.get(node);
      if (found?.has(slot(key, property))) return found.get(slot(key, property));
    }

    return undefined;
  };
  reflect.defineMetadata = (key, value, target, property) => {
    const map = store.get(target) ?? new Map<string, unknown>();
    map.set(slot(key, property), value);
    store.set(target, map);
  };
  reflect.getMetadata = lookup;
  reflect.getOwnMetadata = (key, target, property) => store.get(target)?.get(slot(key, property));
  reflect.hasMetadata = (key, target, property) => lookup(key, target, property) !== undefined;
  reflect.metadata = (key, value) => (target, property) => reflect.defineMetadata?.(key, value, target, property);
}

export {};
