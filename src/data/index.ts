/**
 * The data layer: every notebook, exercise and check loads data through here.
 *
 *   import { loadDataset, loadFixedSplit, StandardScaler } from "./src/data";
 *
 * Datasets ship in datasets/ (see datasets/README.md); nothing is downloaded.
 */

export { datasetToTensors, toColumnMatrix, toMatrix, toTensor1d, toTensor2d } from "./convert";
export {
  type CsvColumn,
  type CsvRecord,
  type CsvTable,
  parseCsv,
  readCsv,
  toColumns,
  toRecords,
} from "./csv";
export { DataError, displayPath } from "./errors";
export {
  FASHION_MNIST_LABELS,
  type FashionMnist,
  fashionMnistTensors,
  loadFashionMnist,
  readIdx,
} from "./images";
export {
  type ImputeStrategy,
  LabelEncoder,
  MinMaxScaler,
  oneHot,
  type PolynomialOptions,
  polynomialFeatureNames,
  polynomialFeatures,
  recordsToMatrix,
  SimpleImputer,
  StandardScaler,
} from "./preprocess";
export { permutation, seededRandom, shuffled } from "./random";
export {
  COUNT_TABLE_NAMES,
  COUNT_TABLES,
  type CountTableName,
  CSV_DATASET_NAMES,
  datasetPath,
  TABULAR_DATASETS,
  TABULAR_NAMES,
  type TabularName,
  type TabularSpec,
  TEXT_DATASETS,
  TEXT_NAMES,
  type TextName,
  TIME_SERIES,
  TIME_SERIES_NAMES,
  type TimeSeriesName,
} from "./registry";
export {
  CV_FOLD_NAMES,
  FIXED_SPLIT_NAMES,
  type FoldSplit,
  foldsToSplits,
  type KFoldOptions,
  kFold,
  loadCvFolds,
  loadFixedSplit,
  loadSplitIndices,
  type SplitIndices,
  type TrainTestSplit,
  type TrainTestSplitOptions,
  trainTestSplit,
} from "./splits";
export {
  type CsvDatasetOptions,
  type Dataset,
  datasetToDataFrame,
  type LoadDatasetOptions,
  loadCsvDataset,
  loadDataFrame,
  loadDataset,
  loadRecords,
  subsetDataset,
} from "./tabular";
export {
  loadTextDataset,
  loadTextSplit,
  multiHot,
  type PadOptions,
  padSequences,
  type TextDataset,
  Tokenizer,
  type TokenizerOptions,
} from "./text";
export {
  forecastMae,
  loadTimeSeries,
  movingAverageForecast,
  naiveForecast,
  seasonalNaiveForecast,
  TIME_SERIES_TRAIN_FRACTION,
  type TimeSeries,
  timeSplit,
  windowed,
} from "./timeseries";
