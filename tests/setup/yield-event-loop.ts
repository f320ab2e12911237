/**
 * After every test, let the worker's event loop turn once. A test that runs child processes
 * synchronously (the CLI tests) blocks the loop; several such tests in a row can outlast
 * vitest's fixed 60 s worker RPC timeout ("Timeout calling onTaskUpdate"), which fails the run
 * although every test passed. Awaiting setImmediate lets the loop read the pending reply.
 */
import { afterEach } from "vitest";

afterEach(() => new Promise<void>((resolve) => setImmediate(resolve)));
