import type { Certification } from "./types";

const UNVERIFIED =
  "Not verified: reports disagree (an older blueprint 29 / 29 / 33 / 9 %, other study sites differ) and the Databricks guide itself was not found.";

export const databricksMlAssociate: Certification = {
  id: "databricks-ml-associate",
  name: "Databricks Certified Machine Learning Associate",
  vendor: "Databricks",
  code: "ML Associate",
  status: "active",
  guide: {
    title: "Databricks Certified Machine Learning Associate exam guide",
    version: "reported as updated 2024-10-28 (not confirmed on databricks.com)",
    url: "https://www.databricks.com/learn/certification/machine-learning-associate",
    verification: "unverified",
    sources: [
      "certcompanion.com: exam updated 2024-10-28",
      "certland.net (2026): four domains, first at 29 %; certprepnow.com: five domains 18 / 27 / 22 / 18 / 15 % — they disagree, so no weights are recorded",
    ],
    checkedOn: "2026-12-01",
  },
  summary:
    "ML on the Databricks platform: MLflow, Feature Store, AutoML, Spark ML. The labs practise the workflow ideas (data preparation, tuning, evaluation, experiment tracking, a model registry, batch and real-time inference); the platform is not covered. Domain titles follow the 2024 guide as reported; check them against the current guide.",
  domains: [
    {
      id: "1",
      title: "Databricks Machine Learning",
      weight: { kind: "unknown", note: UNVERIFIED },
      objectives: [
        {
          id: "1.1",
          title: "AutoML, Feature Store, MLflow tracking and the model registry, Unity Catalog",
          practice: [
            "19-experiment-tracking/runs",
            "19-experiment-tracking/params-metrics-tags",
            "19-experiment-tracking/log-artifact",
            "19-experiment-tracking/search-runs",
            "17-serving",
          ],
          note: "Partly: lab 19 builds a run store like MLflow tracking (its MLflow equivalents listed side by side) and lab 17 a model registry with versions and a movable champion alias, like MLflow's aliases. AutoML, Feature Store, Unity Catalog and MLflow on Databricks are not covered.",
        },
      ],
    },
    {
      id: "2",
      title: "ML Workflows",
      weight: { kind: "unknown", note: UNVERIFIED },
      objectives: [
        {
          id: "2.1",
          title:
            "Exploratory data analysis and feature engineering (missing values, outliers, encoding)",
          practice: ["04-data-preparation"],
        },
        {
          id: "2.2",
          title: "Training, validation and test splits; cross-validation",
          practice: ["10-evaluation-tuning/k-fold", "10-evaluation-tuning/cross-val-score"],
        },
      ],
    },
    {
      id: "3",
      title: "Model Development",
      weight: { kind: "unknown", note: UNVERIFIED },
      objectives: [
        {
          id: "3.1",
          title: "Choosing and training algorithms (linear models, trees, ensembles)",
          practice: [
            "05-linear-logistic-regression/logistic-regression",
            "06-decision-trees/decision-tree",
            "07-random-forests/random-forest",
          ],
          note: "Spark ML (distributed training, pandas UDFs) is not covered.",
        },
        {
          id: "3.2",
          title: "Hyperparameter tuning",
          practice: [
            "10-evaluation-tuning/grid-search",
            "10-evaluation-tuning/random-search",
            "19-experiment-tracking/tracked-search",
          ],
          note: "Hyperopt is not covered; the labs build grid and random search by hand and log a search's trials as runs (lab 19).",
        },
        {
          id: "3.3",
          title: "Evaluation metrics and model selection",
          practice: [
            "10-evaluation-tuning/precision-recall-f1",
            "10-evaluation-tuning/roc-auc",
            "10-evaluation-tuning/regression-metrics",
            "19-experiment-tracking/search-runs",
          ],
        },
      ],
    },
    {
      id: "4",
      title: "Model Deployment",
      weight: { kind: "unknown", note: UNVERIFIED },
      objectives: [
        {
          id: "4.1",
          title: "Batch, streaming and real-time inference; model serving",
          practice: ["17-serving"],
          note: "Lab 17 practises batch inference streamed over CSV and real-time inference over HTTP from a model registry; Databricks Model Serving, Spark batch inference and Structured Streaming are not covered.",
        },
      ],
    },
  ],
};
