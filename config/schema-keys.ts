import type { z } from 'zod';

/** The parts of a zod schema's definition that lead to the keys it accepts. */
interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: readonly z.ZodType[];
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  valueType?: z.ZodType;
  getter?: () => z.ZodType;
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** The schemas a value may be checked by, through optional, default, transform and union wrappers. */
function unwrap(schema: z.ZodType, depth = 0): z.ZodType[] {
  if (depth > 20) return [];
  const def = defOf(schema);
  if (def.innerType) return unwrap(def.innerType, depth + 1);
  if (def.type === 'pipe' && def.in) return unwrap(def.in, depth + 1);
  if (def.type === 'lazy' && def.getter) return unwrap(def.getter(), depth + 1);
  if (def.type === 'union' && def.options) return def.options.flatMap((o) => unwrap(o, depth + 1));
  return [schema];
}

/**
 * The keys the schema accepts for the object at `path` (as zod reports paths), for "did you mean"
 * hints on a misspelt key; empty when the path leads to no object.
 */
export function keysAt(schema: z.ZodType, path: ReadonlyArray<PropertyKey>): string[] {
  let here = unwrap(schema);
  for (const step of path) {
    here = here.flatMap((s) => {
      const def = defOf(s);
      if (def.type === 'object' && def.shape && typeof step === 'string' && step in def.shape) return unwrap(def.shape[step]!);
      if (def.type === 'array' && def.element && typeof step === 'number') return unwrap(def.element);
      if (def.type === 'record' && def.valueType) return unwrap(def.valueType);
      return [];
    });
  }
  return [...new Set(here.flatMap((s) => Object.keys(defOf(s).shape ?? {})))];
}
