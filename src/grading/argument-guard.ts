/**
 * Catches learner functions that change their arguments. `y.sub(…)` on an ml-matrix Matrix,
 * `arr.sort()` or `df.fillNa(…, { inplace: true })` silently corrupt the caller's data: the
 * check may still pass, and then every later notebook cell computes garbage. The grader hands
 * each check a guarded copy of the learner's module: every call of an exported function (and
 * of the methods of instances of exported classes) snapshots its data arguments first and
 * compares them afterwards. A change is recorded and fails the exercise, even when the check
 * itself catches the error or passes.
 */

/** One argument a learner function changed. */
export interface ArgumentChange {
  /** e.g. "mseLoss" or "LogisticRegression.fit". */
  callee: string;
  /** Parameter name when it can be read from the function, else "argument 2". */
  argument: string;
  /** What changed, e.g. "entry [0][0] was 1, became -1". */
  detail: string;
}

/** A copy of a value's data, or a marker for values we do not compare (functions, models…). */
type Snapshot =
  | { kind: "skip" }
  | { kind: "leaf"; value: unknown }
  | { kind: "array"; items: Snapshot[] }
  | { kind: "typed"; items: number[] }
  | { kind: "object"; entries: [string, Snapshot][] }
  | { kind: "matrix"; rows: number[][] }
  | { kind: "frame"; columns: string[]; values: unknown }
  | { kind: "tensor"; disposed: boolean; tensor: { isDisposed: boolean } };

const MAX_DEPTH = 6;

function isMatrixLike(v: object): v is { to2DArray(): number[][]; rows: number; columns: number } {
  return (
    typeof (v as { to2DArray?: unknown }).to2DArray === "function" &&
    typeof (v as { rows?: unknown }).rows === "number"
  );
}

function isFrameLike(v: object): v is { values: unknown; columns?: string[]; shape: number[] } {
  const f = v as { $data?: unknown; shape?: unknown; values?: unknown };
  return f.$data !== undefined && Array.isArray(f.shape);
}

function isTensorLike(v: object): v is { isDisposed: boolean; dataSync(): unknown } {
  const t = v as { isDisposed?: unknown; dataSync?: unknown; shape?: unknown };
  return (
    typeof t.isDisposed === "boolean" && typeof t.dataSync === "function" && Array.isArray(t.shape)
  );
}

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function snapshot(value: unknown, depth = 0): Snapshot {
  if (value === null || typeof value !== "object") {
    return typeof value === "function" ? { kind: "skip" } : { kind: "leaf", value };
  }
  if (depth > MAX_DEPTH) return { kind: "skip" };
  if (isTensorLike(value)) return { kind: "tensor", disposed: value.isDisposed, tensor: value };
  if (isMatrixLike(value)) return { kind: "matrix", rows: value.to2DArray() };
  if (isFrameLike(value)) {
    return {
      kind: "frame",
      columns: [...((value as { columns?: string[] }).columns ?? [])],
      values: structuredClone(value.values),
    };
  }
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return { kind: "typed", items: Array.from(value as unknown as ArrayLike<number>) };
  }
  if (Array.isArray(value))
    return { kind: "array", items: value.map((v) => snapshot(v, depth + 1)) };
  // Class instances (a model passed to cross-validation…) may change legitimately: fitting is
  // their job. Only plain data objects (options, records) are compared.
  if (!isPlainObject(value)) return { kind: "skip" };
  return {
    kind: "object",
    entries: Object.keys(value).map((k) => [
      k,
      snapshot((value as Record<string, unknown>)[k], depth + 1),
    ]),
  };
}

function sameLeaf(a: unknown, b: unknown): boolean {
  // Object.is treats NaN as equal to NaN (a missing value that stays missing is no change).
  return Object.is(a, b) || a === b;
}

function show(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (v !== null && typeof v === "object") return "an object";
  return String(v);
}

/** The first difference between a snapshot and the value now, described for a learner. */
function difference(before: Snapshot, now: unknown, where: string): string | undefined {
  switch (before.kind) {
    case "skip":
      return undefined;
    case "leaf":
      return sameLeaf(before.value, now)
        ? undefined
        : `${where || "it"} was ${show(before.value)}, became ${show(now)}`;
    case "tensor":
      return !before.disposed && before.tensor.isDisposed
        ? `the tensor${where ? ` at ${where}` : ""} was disposed`
        : undefined;
    case "matrix": {
      if (now === null || typeof now !== "object" || !isMatrixLike(now))
        return `${where || "it"} is no longer a Matrix`;
      const rows = now.to2DArray();
      if (rows.length !== before.rows.length || rows[0]?.length !== before.rows[0]?.length) {
        return `its shape changed from ${before.rows.length}×${before.rows[0]?.length ?? 0} to ${rows.length}×${rows[0]?.length ?? 0}`;
      }
      for (let i = 0; i < rows.length; i++) {
        for (let j = 0; j < rows[i].length; j++) {
          if (!sameLeaf(rows[i][j], before.rows[i][j]))
            return `entry (${i}, ${j}) was ${before.rows[i][j]}, became ${rows[i][j]}`;
        }
      }
      return undefined;
    }
    case "frame": {
      const frame = now as { columns?: string[]; values?: unknown };
      if (JSON.stringify(frame.columns ?? []) !== JSON.stringify(before.columns))
        return "its columns changed";
      return JSON.stringify(frame.values) === JSON.stringify(before.values)
        ? undefined
        : "its values changed";
    }
    case "typed":
    case "array": {
      if (!Array.isArray(now) && !ArrayBuffer.isView(now))
        return `${where || "it"} is no longer an array`;
      const items = now as unknown as ArrayLike<unknown>;
      const expected = before.items;
      for (let i = 0; i < Math.min(items.length, expected.length); i++) {
        const d =
          before.kind === "typed"
            ? sameLeaf(expected[i], items[i])
              ? undefined
              : `${where}[${i}] was ${expected[i]}, became ${items[i]}`
            : difference((expected as Snapshot[])[i], items[i], `${where}[${i}]`);
        if (d) return d;
      }
      if (items.length !== expected.length)
        return `its length changed from ${expected.length} to ${items.length}`;
      return undefined;
    }
    case "object": {
      if (now === null || typeof now !== "object") return `${where || "it"} is no longer an object`;
      const obj = now as Record<string, unknown>;
      for (const [k, snap] of before.entries) {
        const d = difference(snap, obj[k], where ? `${where}.${k}` : k);
        if (d) return d;
      }
      const added = Object.keys(obj).filter((k) => !before.entries.some(([key]) => key === k));
      return added.length > 0 ? `a property was added: ${added[0]}` : undefined;
    }
  }
}

/** Parameter names of a function, read from its source (empty when they can't be read). */
function parameterNames(fn: (...args: never[]) => unknown): string[] {
  const src = Function.prototype.toString.call(fn);
  const open = src.indexOf("(");
  const close = src.indexOf(")", open);
  if (open < 0 || close < 0) return [];
  return src
    .slice(open + 1, close)
    .split(",")
    .map((p) =>
      p
        .trim()
        .replace(/[=:].*$/, "")
        .trim(),
    )
    .map((p) => (/^[A-Za-z_$][\w$]*$/.test(p) ? p : ""));
}

const ORDINALS = ["1st", "2nd", "3rd"];
const ordinal = (i: number) => ORDINALS[i] ?? `${i + 1}th`;

/** Records argument changes during one check; `guard(module)` gives the check its view. */
export class ArgumentGuard {
  readonly changes: ArgumentChange[] = [];

  private checkCall<T>(
    callee: string,
    fn: (...args: unknown[]) => T,
    thisArg: unknown,
    args: unknown[],
  ): T {
    const names = parameterNames(fn);
    const before = args.map((a) => snapshot(a));
    const compare = () => {
      args.forEach((arg, i) => {
        const detail = difference(before[i], arg, "");
        if (detail) {
          const argument = names[i]
            ? `${names[i]} (${ordinal(i)} argument)`
            : `its ${ordinal(i)} argument`;
          this.changes.push({ callee, argument, detail });
        }
      });
    };
    let result: T;
    try {
      result = fn.apply(thisArg, args);
    } catch (err) {
      compare();
      throw err;
    }
    if (result instanceof Promise) return result.finally(compare) as T;
    compare();
    return result;
  }

  /** A view of a lab module whose functions and classes record argument changes. */
  guard<M>(mod: M): M {
    if (mod === null || typeof mod !== "object") return mod;
    const out: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(mod as Record<string, unknown>)) {
      out[name] =
        typeof value === "function"
          ? this.guardFunction(name, value as (...args: unknown[]) => unknown)
          : value;
    }
    return out as M;
  }

  private guardFunction(name: string, fn: (...args: unknown[]) => unknown): unknown {
    const guard = this;
    const isClass = /^class[\s{]/.test(Function.prototype.toString.call(fn));
    const proxy: unknown = new Proxy(fn, {
      apply(target, thisArg, args: unknown[]) {
        return guard.checkCall(name, target, thisArg, args);
      },
      construct(target, args: unknown[], newTarget) {
        // Subclasses written by a check (spies) construct the real class unguarded.
        const direct = newTarget === proxy;
        const instance = Reflect.construct(target, args, direct ? target : newTarget) as object;
        return direct && isClass ? guard.guardInstance(name, instance) : instance;
      },
    });
    return proxy;
  }

  private guardInstance(className: string, instance: object): object {
    const guard = this;
    const wrapped = new Map<PropertyKey, unknown>();
    const proxy: object = new Proxy(instance, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target);
        if (typeof value !== "function" || prop === "constructor") return value;
        if (!wrapped.has(prop)) {
          wrapped.set(prop, (...args: unknown[]) => {
            const result = guard.checkCall(
              `${className}.${String(prop)}`,
              value as (...a: unknown[]) => unknown,
              target,
              args,
            );
            // `fit` returns `this`: hand back the guarded view so `model.fit(x, y) === model`.
            return result === target ? proxy : result;
          });
        }
        return wrapped.get(prop);
      },
      set(target, prop, value) {
        return Reflect.set(target, prop, value, target);
      },
    });
    return proxy;
  }
}

/** The learner-facing message for the first recorded change. */
export function describeArgumentChange(change: ArgumentChange): {
  message: string;
  likelyCause: string;
} {
  return {
    message: `${change.callee} changed its argument ${change.argument}: ${change.detail}. A function must not change the data it is given.`,
    likelyCause:
      "An in-place operation on an input: ml-matrix's add/sub/mul/div change the matrix they are called on (use .clone() first or Matrix.sub(a, b)), and array sort()/reverse()/splice() reorder in place (copy with slice() first).",
  };
}
