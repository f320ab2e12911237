// Worker-thread entry for checks. Plain JS so it starts without a build: it teaches Node
// TypeScript (tsx), then runs the real worker. The worker runs the learner's lab file fresh
// (no stale module cache) and can be terminated if the learner's code loops forever.
require("tsx/cjs/api").register();
require("./check-worker-main.ts");
