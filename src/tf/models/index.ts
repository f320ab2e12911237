/**
 * The reference model architectures of the deep-learning labs, in one place: the labs'
 * checks compare learners' models with them, the notebooks use them for demonstrations, and
 * `npm run bench` trains them, so the bench measures the models learners train.
 * One file per lab topic; export each builder from here.
 */
export { buildLinearRegressor } from "./basics";
export * from "./fashion";
export { linearRegressionModel, type RegressionModelOptions, regressionDnn } from "./regression";
export * from "./text";
export { convLstmForecaster, denseForecaster, huberForecastLoss } from "./timeseries";
export * from "./transfer";
