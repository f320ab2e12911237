// Entry of the type-check thread: plain JS so it starts without a build.
require("tsx/cjs/api").register();
require("./type-check-main.ts");
