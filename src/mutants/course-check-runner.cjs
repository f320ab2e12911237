// StrykerJS plugin entry. Plain JS because Stryker imports plugins in every process it starts
// (the main one and its test runner children): it teaches Node TypeScript (tsx), then exposes
// the runner written in TypeScript.
require("tsx/cjs/api").register();
const runner = require("./course-check-runner.ts");
exports.strykerPlugins = runner.strykerPlugins;
exports.strykerValidationSchema = runner.strykerValidationSchema;
