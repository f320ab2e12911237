// Worker-thread entry that builds the declaration cache off the kernel's main thread. Plain
// JS so it starts without a build: it teaches Node TypeScript (tsx), then runs the real code.
require("tsx/cjs/api").register();
require("./declaration-worker-main.ts");
