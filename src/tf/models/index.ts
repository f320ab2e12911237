export { linearRegressionModel, type RegressionModelOptions, regressionDnn } from "./regression";
