/**
 * Checks one profile against the schema and the cross-field rules, and says
 * what is wrong in terms a person can fix: the JSON pointer of the field and
 * what it must be.
 *
 * The complete schema is a union (one branch per family, and one per kind of
 * expose inside). A union's errors list every branch that did not match, and
 * TypeBox keeps only the first few errors, so the real problem can be crowded
 * out. When a profile fails, it is therefore explained branch by branch: the
 * family picks the profile branch, each expose's `type` picks its branch.
 */
import { LinliError } from "@linli/protocols";
import { Compile } from "typebox/compile";
import { Value } from "typebox/value";
import { type ProfileProblem, ruleProblems } from "./rules.js";
import {
  DEVICE_FAMILIES,
  type DeviceFamily,
  type DeviceProfile,
  DeviceProfileSchema,
  EXPOSE_SCHEMAS,
  EXPOSE_TYPES,
  type ExposeType,
  PROFILE_SCHEMAS,
  PROFILE_SHAPE_SCHEMAS,
} from "./schema.js";

export type { ProfileProblem } from "./rules.js";

const profileValidator = Compile(DeviceProfileSchema);

function byKey<K extends string, V>(keys: readonly K[], make: (key: K) => V): Record<K, V> {
  return Object.fromEntries(keys.map((key) => [key, make(key)])) as Record<K, V>;
}

const shapeValidators = byKey(DEVICE_FAMILIES, (family) => Compile(PROFILE_SHAPE_SCHEMAS[family]));
const exposeValidators = byKey(EXPOSE_TYPES, (type) => Compile(EXPOSE_SCHEMAS[type]));

interface SchemaError {
  keyword: string;
  schemaPath: string;
  instancePath: string;
  params: object;
  message: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === "string" && (values as readonly string[]).includes(value);
}

const quoted = (values: readonly unknown[]) => values.map((v) => JSON.stringify(v)).join(", ");
const pointerKey = (key: string) => key.replaceAll("~", "~0").replaceAll("/", "~1");

function param<T>(error: SchemaError, name: string): T | undefined {
  return (error.params as Record<string, T | undefined>)[name];
}

const ARTICLE: Record<string, string> = { integer: "an", object: "an", array: "an" };

/** What a pattern means, by the name of the field it applies to. */
const PATTERN_MEANING: Record<string, string> = {
  id: 'must be kebab-case: lower-case letters and digits joined by single hyphens, such as "my-printer-58"',
  name: "must be snake_case: lower-case letters, digits and underscores, starting with a letter",
};

/** Turns one schema error into the problems a person would fix. */
function problemsOf(error: SchemaError, prefix: string): ProfileProblem[] {
  const path = prefix + error.instancePath;
  switch (error.keyword) {
    case "boolean": // "schema is false": the additionalProperties error says it better
    case "propertyNames": // the pattern error for the same name says it better
      return [];
    case "additionalProperties":
      return (param<string[]>(error, "additionalProperties") ?? []).map((key) => ({
        path: `${path}/${pointerKey(key)}`,
        problem: "is not a known property (check its spelling and where it is nested)",
        aboutName: true,
      }));
    case "required":
      return (param<string[]>(error, "requiredProperties") ?? []).map((key) => ({
        path: `${path}/${pointerKey(key)}`,
        problem: "is required",
      }));
    case "enum":
      return [{ path, problem: `must be one of ${quoted(param(error, "allowedValues") ?? [])}` }];
    case "const":
      return [{ path, problem: `must be ${JSON.stringify(param(error, "allowedValue"))}` }];
    case "type": {
      const type = String(param(error, "type"));
      return [{ path, problem: `must be ${ARTICLE[type] ?? "a"} ${type}` }];
    }
    case "pattern": {
      if (error.schemaPath.endsWith("/propertyNames")) {
        return [
          {
            path,
            problem: 'is not a door name: use "<board>-<lock>", such as "1-3"',
            aboutName: true,
          },
        ];
      }
      const field = path.slice(path.lastIndexOf("/") + 1);
      return [{ path, problem: PATTERN_MEANING[field] ?? error.message }];
    }
    case "minProperties":
      return [{ path, problem: `must have at least ${param(error, "limit")} entry` }];
    default:
      return [{ path, problem: error.message }];
  }
}

function exposeProblems(expose: unknown, prefix: string): ProfileProblem[] {
  if (!isRecord(expose)) return [{ path: prefix, problem: "must be an object" }];
  if (!isOneOf<ExposeType>(EXPOSE_TYPES, expose.type)) {
    return [{ path: `${prefix}/type`, problem: `must be one of ${quoted(EXPOSE_TYPES)}` }];
  }
  return exposeValidators[expose.type].Errors(expose).flatMap((error) => problemsOf(error, prefix));
}

/** Why a profile fails the schema, one branch at a time (see the top of this file). */
function schemaProblems(value: unknown): ProfileProblem[] {
  if (!isRecord(value)) return [{ path: "", problem: "must be an object (a device profile)" }];
  if (!isOneOf<DeviceFamily>(DEVICE_FAMILIES, value.family)) {
    return [{ path: "/family", problem: `must be one of ${quoted(DEVICE_FAMILIES)}` }];
  }
  const problems = shapeValidators[value.family]
    .Errors(value)
    .flatMap((error) => problemsOf(error, ""));
  if (Array.isArray(value.exposes)) {
    value.exposes.forEach((expose, index) => {
      problems.push(...exposeProblems(expose, `/exposes/${index}`));
    });
  }
  return problems.length > 0 ? problems : [{ path: "", problem: "does not match the schema" }];
}

/** Fills in schema defaults (8N1, port 9100, empty lists) on a copy of the value. */
export function withDefaults(value: unknown): unknown {
  if (!isRecord(value) || !isOneOf<DeviceFamily>(DEVICE_FAMILIES, value.family)) return value;
  return Value.Default(PROFILE_SCHEMAS[value.family], Value.Clone(value));
}

/** Everything wrong with a value as a device profile; empty when it is a valid one. */
export function profileProblems(value: unknown): ProfileProblem[] {
  if (!profileValidator.Check(value)) return schemaProblems(value);
  return ruleProblems(value);
}

function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export interface ProfileSource {
  /** Where the profile came from, for the message: "shipped" or "config". */
  origin: "shipped" | "config";
  /** Its position in that list, to name a profile that has no usable id. */
  index: number;
}

/** A printable name for a profile that may be malformed. */
export function profileLabel(value: unknown, source: ProfileSource): string {
  const id = isRecord(value) ? value.id : undefined;
  return typeof id === "string" && id.length > 0
    ? `"${id}"`
    : `#${source.index + 1} in the ${source.origin === "config" ? "config" : "shipped"} list (it has no id)`;
}

/**
 * Validates one profile (after filling in defaults) and returns it typed, or
 * throws LINLI_ERR_PROFILE_INVALID naming the profile, the field and what the
 * field must be.
 */
export function validateProfile(
  value: unknown,
  source: ProfileSource = { origin: "config", index: 0 },
): DeviceProfile {
  const candidate = withDefaults(value);
  const problems = profileProblems(candidate);
  const [first] = problems;
  if (first === undefined) return candidate as DeviceProfile;

  const label = profileLabel(value, source);
  const got = first.aboutName ? undefined : valueAt(candidate, first.path);
  const gotText = got === undefined ? "" : `, got ${shown(got)}`;
  const more =
    problems.length > 1 ? ` ${problems.length - 1} more problem(s) are listed in the details.` : "";
  const remedy =
    source.origin === "config"
      ? "Correct this profile in the config, or remove it."
      : "This is a bug in @linli/device-profiles; please report it.";
  throw new LinliError(
    "LINLI_ERR_PROFILE_INVALID",
    `Device profile ${label} is invalid: ${first.path || "(the profile)"} ${first.problem}${gotText}. ${remedy}${more}`,
    {
      status: 400,
      details: {
        profileId: isRecord(value) && typeof value.id === "string" ? value.id : null,
        origin: source.origin,
        index: source.index,
        path: first.path,
        problem: first.problem,
        problems,
      },
    },
  );
}
