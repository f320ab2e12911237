/**
 * Maintainers: print every Python name the "The same in Python" tables mention, one per line,
 * for datasets/_build/python_equivalents.py to check (see that file).
 */
import { PYTHON_TABLES } from "../src/course/python";

const names = new Set(Object.values(PYTHON_TABLES).flatMap((t) => t.rows.flatMap((r) => r.names ?? [])));
console.log([...names].sort().join("\n"));
