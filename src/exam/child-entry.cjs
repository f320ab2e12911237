// Entry of the exam's train and score processes: teaches Node TypeScript (tsx), then runs the
// script named by the first argument (train-main.ts or score-main.ts).
require("tsx/cjs/api").register();
require(require("node:path").join(__dirname, process.argv[2]));
