import type { PythonTable } from "./types";

export const table: PythonTable = {
  libraries: "pandas, NumPy, scikit-learn",
  rows: [
    {
      task: "read a CSV",
      ours: 'await dfd.readCSV("file.csv")',
      python: 'pandas.read_csv("file.csv")',
      names: ["pandas.read_csv"],
    },
    {
      task: "missing values per column",
      ours: "countMissing(df)",
      python: "df.isna().sum()",
      names: ["pandas.DataFrame.isna"],
    },
    {
      task: "fill missing values",
      ours: 'df.fillNa([0], { columns: ["horsepower"] })',
      python: 'df.fillna({"horsepower": 0})',
      note: "danfo's `fillNa` (capital N) returns a new frame unless `inplace: true`, like pandas' `fillna`.",
      names: ["pandas.DataFrame.fillna"],
    },
    {
      task: "median imputation",
      ours: "imputeMedian(train, test, columns)",
      python: 'SimpleImputer(strategy="median").fit(train).transform(test)',
      note: "Fit on the training rows only, in both languages.",
      names: ["sklearn.impute.SimpleImputer"],
    },
    {
      task: "one-hot encoding",
      ours: "oneHotEncode(train, test, column)",
      python: 'OneHotEncoder(handle_unknown="ignore").fit(train[[column]])',
      note: "`pandas.get_dummies` on train and test separately can give them different columns: fit the encoder on train.",
      names: ["sklearn.preprocessing.OneHotEncoder", "pandas.get_dummies"],
    },
    {
      task: "standardise",
      ours: "new StandardScaler().fit(train).transform(test)",
      python: "StandardScaler().fit(train).transform(test)",
      note: "Both divide by the population standard deviation (ddof = 0).",
      names: ["sklearn.preprocessing.StandardScaler"],
      fixture: "04/standard-scaler",
    },
    {
      task: "scale to [0, 1]",
      ours: "new MinMaxScaler().fit(train).transform(test)",
      python: "MinMaxScaler().fit(train).transform(test)",
      names: ["sklearn.preprocessing.MinMaxScaler"],
      fixture: "04/min-max-scaler",
    },
    {
      task: "IQR outliers",
      ours: "iqrOutlierFlags(v)",
      python:
        "q1, q3 = numpy.percentile(v, [25, 75]); (v < q1 - 1.5*(q3-q1)) | (v > q3 + 1.5*(q3-q1))",
      names: ["numpy.percentile"],
      fixture: "04/iqr-flags",
    },
    {
      task: "squares and crosses",
      ours: "addQuadraticFeatures(df, columns)",
      python: "PolynomialFeatures(degree=2, include_bias=False)",
      note: "scikit-learn also keeps the original columns and orders the new ones its own way (`get_feature_names_out()` lists them).",
      names: ["sklearn.preprocessing.PolynomialFeatures"],
    },
  ],
};
