/**
 * The data layer: every notebook, exercise and check loads data through here.
 *
 *   import { loadDataset, loadFixedSplit, StandardScaler } from "./src/data";
 *
 * Datasets ship in datasets/ (see datasets/README.md); nothing is downloaded.
 */
export { DataError, displayPath } from "./errors";
export {
  type CsvColumn,
  type CsvRecord,
  type CsvTable,
  parseCsv,
  readCsv,
  toColumns,
  toRecords,
} from "./csv";
export {
  CSV_DATASET_NAMES,
  TABULAR_DATASETS,
  TABULAR_NAMES,
  TEXT_DATASETS,
  TEXT_NAMES,
  TIME_SERIES,
  TIME_SERIES_NAMES,
  type TabularName,
  type TabularSpec,
  type TextName,
  type TimeSeriesName,
  datasetPath,
} from "./registry";
export { permutation, seededRandom, shuffled } from "./random";
export {
  type CsvDatasetOptions,
  type Dataset,
  type LoadDatasetOptions,
  datasetToDataFrame,
  loadCsvDataset,
  loadDataFrame,
  loadDataset,
  loadRecords,
  subsetDataset,
} from "./tabular";
export {
  CV_FOLD_NAMES,
  FIXED_SPLIT_NAMES,
  type FoldSplit,
  type KFoldOptions,
  type SplitIndices,
  type TrainTestSplit,
  type TrainTestSplitOptions,
  foldsToSplits,
  kFold,
  loadCvFolds,
  loadFixedSplit,
  loadSplitIndices,
  trainTestSplit,
} from "./splits";
export { datasetToTensors, toColumnMatrix, toMatrix, toTensor1d, toTensor2d } from "./convert";
export {
  type ImputeStrategy,
  LabelEncoder,
  MinMaxScaler,
  type PolynomialOptions,
  SimpleImputer,
  StandardScaler,
  oneHot,
  polynomialFeatureNames,
  polynomialFeatures,
  recordsToMatrix,
} from "./preprocess";
export {
  FASHION_MNIST_LABELS,
  type FashionMnist,
  fashionMnistTensors,
  loadFashionMnist,
  readIdx,
} from "./images";
export {
  type PadOptions,
  type TextDataset,
  Tokenizer,
  type TokenizerOptions,
  loadTextDataset,
  loadTextSplit,
  multiHot,
  padSequences,
} from "./text";
export {
  TIME_SERIES_TRAIN_FRACTION,
  type TimeSeries,
  forecastMae,
  loadTimeSeries,
  movingAverageForecast,
  naiveForecast,
  seasonalNaiveForecast,
  timeSplit,
  windowed,
} from "./timeseries";
