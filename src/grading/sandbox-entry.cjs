// Entry of a check sandbox (a worker thread or a child process). Plain JS so it starts without
// a build: it teaches Node TypeScript (tsx), then runs the real sandbox. The sandbox loads the
// learner's lab file fresh (no stale module cache) and can be stopped if the code loops forever.
require("tsx/cjs/api").register();
require("./sandbox-main.ts");
