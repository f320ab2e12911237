#!/usr/bin/env node
/**
 * Starts the tslab TypeScript kernel from the project root.
 *
 *   node src/jupyter/tslab-launcher.cjs [--root <dir>] <connection-file>
 *
 * Jupyter starts a kernel in the notebook's folder, and tslab only compiles files under its
 * working directory, so `import ... from "./labs/..."` would fail from `notebooks/`. This
 * launcher changes to the project root first, then runs tslab in this same process (so a
 * front end's SIGINT interrupt reaches tslab directly). Plain JavaScript: it needs no build.
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const USAGE = "Usage: node tslab-launcher.cjs [--root <project dir>] <connection file>";

function fail(message) {
  process.stderr.write(`ml-cert-labs kernel: ${message}\n`);
  process.exit(2);
}

function parseArgs(args) {
  let root = path.resolve(__dirname, "..", "..");
  let connectionFile;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--root") {
      if (i + 1 >= args.length) fail(`--root needs a folder.\n${USAGE}`);
      root = path.resolve(args[++i]);
    } else if (connectionFile === undefined) {
      connectionFile = path.resolve(args[i]);
    } else {
      fail(`unexpected argument ${JSON.stringify(args[i])}.\n${USAGE}`);
    }
  }
  if (connectionFile === undefined) fail(`no connection file given.\n${USAGE}`);
  return { root, connectionFile };
}

/**
 * Exit when the process that started us goes away, so a crashed front end or test runner
 * never leaves an orphan kernel behind. Jupyter sets JPY_PARENT_PID (a pid on Unix, a handle
 * on Windows); our own runner sets ML_CERT_LABS_PARENT_PID.
 */
function exitWithParent(connectionFile) {
  const ourRunner = Boolean(process.env.ML_CERT_LABS_PARENT_PID);
  const fromEnv =
    process.env.ML_CERT_LABS_PARENT_PID ||
    (process.platform === "win32" ? undefined : process.env.JPY_PARENT_PID);
  const parentPid = Number(fromEnv);
  // Only watch a parent we really have: a wrong value must not kill a healthy kernel.
  if (!Number.isInteger(parentPid) || parentPid <= 1 || process.ppid !== parentPid) return;
  const timer = setInterval(() => {
    if (process.ppid === parentPid) return;
    // Our runner keeps the connection file in its own temp folder, which it can no longer delete.
    const dir = path.dirname(connectionFile);
    if (ourRunner && path.basename(dir).startsWith("ml-cert-labs-kernel-")) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    process.exit(0);
  }, 1000);
  timer.unref();
}

const { root, connectionFile } = parseArgs(process.argv.slice(2));
if (!fs.existsSync(path.join(root, "package.json"))) {
  fail(`${root} is not the project folder (it has no package.json).`);
}
if (!fs.existsSync(connectionFile)) fail(`connection file ${connectionFile} does not exist.`);

let tslabMain;
try {
  tslabMain = require.resolve("tslab/dist/main.js", { paths: [root] });
} catch {
  fail(`tslab is not installed in ${root}. Run \`npm install\` there first.`);
}

process.chdir(root);
exitWithParent(connectionFile);
// Tells src/notebook/display.ts that rich display (HTML, SVG) is available.
process.env.ML_LABS_KERNEL = "1";
// tslab serves the .ts files it compiled for a cell, but not folder imports such as
// `import … from "./src/data"` (index.ts): those fall through to Node's require, which
// tsx teaches to load TypeScript. Type checking of every import is still tslab's.
require(require.resolve("tsx/cjs/api", { paths: [root] })).register();
// The learner's lab files (labs/, git-ignored) are created on first use, before any cell
// imports them; existing files are never touched.
try {
  require(path.join(root, "src", "course", "workspace.ts")).ensureWorkspace();
} catch (err) {
  process.stderr.write(
    `ml-cert-labs kernel: could not create the lab files in labs/: ${err && err.message}\n`,
  );
}
// Interrupts (Jupyter's ■ sends SIGINT) are relayed to an emitter that notebook helpers listen
// on to cancel a running check. Cells see a wrapped \`process\`: adding and removing a SIGINT
// listener through it would remove tslab's own handler, and the next interrupt would kill us.
const interrupts = new (require("node:events").EventEmitter)();
interrupts.setMaxListeners(0);
globalThis[Symbol.for("ml-cert-labs.interrupts")] = interrupts;
process.on("SIGINT", () => interrupts.emit("interrupt"));
// Protocol fixes and friendly skips for unfinished exercises (src/jupyter/kernel/).
require("./kernel/patch-tslab.ts").patchTslab(root);
// Declarations instead of sources for project imports, warm-up, load notices (fast-start.ts).
require("./kernel/fast-start.ts").installFastStart(root);
// tslab parses process.argv with commander, exactly as if started as `tslab kernel ...`.
process.argv = [process.argv[0], tslabMain, "kernel", "--config-path", connectionFile];
require(tslabMain).main();
