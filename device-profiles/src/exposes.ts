/**
 * Small builders for `exposes`: what the operator UI shows for a device (its
 * states) and offers to do with it (its actions). The UI renders these
 * generically; no screen knows a device model.
 */
import type { ActionParam, Expose } from "./schema.js";

type ExposeOf<T extends Expose["type"]> = Extract<Expose, { type: T }>;
type StateOptions = Pick<ExposeOf<"binary">, "label" | "per" | "access">;

export function binary(
  name: string,
  valueOn: string,
  valueOff: string,
  options: StateOptions = {},
): ExposeOf<"binary"> {
  return { type: "binary", name, valueOn, valueOff, ...options };
}

export function enumeration(
  name: string,
  values: string[],
  options: StateOptions = {},
): ExposeOf<"enum"> {
  return { type: "enum", name, values, ...options };
}

export function numeric(
  name: string,
  options: StateOptions & Pick<ExposeOf<"numeric">, "unit" | "min" | "max"> = {},
): ExposeOf<"numeric"> {
  return { type: "numeric", name, ...options };
}

export function text(name: string, options: StateOptions = {}): ExposeOf<"text"> {
  return { type: "text", name, ...options };
}

export function action(
  name: string,
  params: ActionParam[] = [],
  label?: string,
): ExposeOf<"action"> {
  const built: ExposeOf<"action"> = { type: "action", name };
  if (params.length > 0) built.params = params;
  if (label !== undefined) built.label = label;
  return built;
}

/** An integer parameter of an action, e.g. the lock to open (numbered from 1). */
export function integerParam(name: string, min: number, max?: number): ActionParam {
  return max === undefined ? { name, type: "integer", min } : { name, type: "integer", min, max };
}
