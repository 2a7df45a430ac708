import { isDeepStrictEqual } from "node:util";
import { isPlainObject } from "@/lib/domain/talos/talos-yaml";

// Talos's own strategic merge for v1alpha1 documents (https://www.talos.dev/v1.11/talos-guides/configuration/patching/), on plain YAML values.
// Paths are dotted keys with "[]" for list elements, e.g. "machine.network.interfaces[].vlans".
type Obj = Record<string, unknown>;

// Fields tagged `merge:"replace"`: the patch list/object replaces the base one.
const replaceFields = new Set(["cluster.network.podSubnets", "cluster.network.serviceSubnets", "cluster.apiServer.auditPolicy"]);

// Keyed lists: an element merges into the base element with the same key, otherwise it is appended.
const keyedLists: Record<string, (base: Obj, patch: Obj) => boolean> = {
  "machine.network.interfaces": (base, patch) =>
    typeof patch.interface === "string" && patch.interface !== ""
      ? base.interface === patch.interface
      : patch.deviceSelector !== undefined && isDeepStrictEqual(base.deviceSelector, patch.deviceSelector),
  "machine.network.interfaces[].vlans": (base, patch) => patch.vlanId !== undefined && base.vlanId === patch.vlanId,
  "cluster.apiServer.admissionControl": (base, patch) => typeof patch.name === "string" && base.name === patch.name,
};

const isDelete = (value: unknown): boolean => isPlainObject(value) && value.$patch === "delete";

// Removes `$patch` directives from values that are added (not merged) into the config.
export const stripDirectives = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.filter((item) => !isDelete(item)).map(stripDirectives);
  if (!isPlainObject(value)) return value;

  return Object.fromEntries(
    Object.entries(value)
      .filter(([key, item]) => key !== "$patch" && !isDelete(item))
      .map(([key, item]) => [key, stripDirectives(item)]),
  );
};

// Zero values never override (an empty string cannot clear a value: use `$patch: delete`);
// booleans are pointers in Talos, so `false` does override.
const isZero = (value: unknown): boolean => value === "" || value === 0 || value === null || value === undefined;

export const mergeValue = (base: unknown, patch: unknown, path: string): unknown => {
  if (replaceFields.has(path)) return stripDirectives(patch);
  if (isPlainObject(base) && isPlainObject(patch)) return mergeObject(base, patch, path);
  if (Array.isArray(base) && Array.isArray(patch)) return mergeList(base, patch, path);
  if (isZero(patch)) return base;

  return stripDirectives(patch);
};

export const mergeObject = (base: Obj, patch: Obj, path: string): Obj => {
  const out: Obj = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (key === "$patch") continue;
    if (isDelete(value)) {
      delete out[key];
      continue;
    }
    const childPath = path ? `${path}.${key}` : key;
    out[key] = key in out ? mergeValue(out[key], value, childPath) : stripDirectives(value);
  }

  return out;
};

const mergeList = (base: unknown[], patch: unknown[], path: string): unknown[] => {
  const out = [...base];
  const sameKey = keyedLists[path];
  for (const item of patch) {
    if (isDelete(item) && isPlainObject(item)) {
      const index = out.findIndex((candidate) => matchesDeleteSelector(candidate, item));
      if (index >= 0) out.splice(index, 1);
      continue;
    }
    const index = sameKey && isPlainObject(item) ? out.findIndex((candidate) => isPlainObject(candidate) && sameKey(candidate, item)) : -1;
    const current = out[index];
    if (index >= 0 && isPlainObject(current) && isPlainObject(item)) {
      out[index] = mergeObject(current, item, `${path}[]`);
    } else {
      out.push(stripDirectives(item));
    }
  }

  return out;
};

// A deleted list element is found by its first other key/value, e.g. `interface: eth0`.
const matchesDeleteSelector = (candidate: unknown, selector: Obj): boolean => {
  const entry = Object.entries(selector).find(([key]) => key !== "$patch");
  if (!entry || !isPlainObject(candidate)) return false;

  return isDeepStrictEqual(candidate[entry[0]], entry[1]);
};
