import type { Certification } from "./types";

export const gcpPmle: Certification = {
  id: "gcp-pmle",
  name: "Google Cloud Professional Machine Learning Engineer",
  vendor: "Google Cloud",
  code: "PMLE",
  status: "active",
  guide: {
    title: "Professional Machine Learning Engineer certification exam guide",
    version: "the version live from 2024-10-01 (six sections, generative AI included)",
    url: "https://cloud.google.com/learn/certification/guides/machine-learning-engineer",
    verification: "secondary",
    sources: [
      "A copy of the guide PDF headed “This version of the exam guide will go live on October 1, 2024” (Section 1 at 13 %)",
      "cheapestexamdumps.com and tempto.io syllabus pages quoting the guide: 13 / ~14 / 18 / 20 / 22 / 13 %",
    ],
    checkedOn: "2026-12-01",
  },
  summary:
    "Vertex AI and BigQuery ML on Google Cloud. The labs practise the ML behind the sections (data preparation, model building, training, evaluation, experiment tracking, serving, monitoring and responsible AI); the Google Cloud services themselves are not covered.",
  domains: [
    {
      id: "1",
      title: "Architecting low-code AI solutions",
      weight: { kind: "percent", value: 13 },
      objectives: [
        {
          id: "1.1",
          title:
            "Developing ML models with BigQuery ML (choosing the model type, features, predictions)",
          practice: [
            "05-linear-logistic-regression/logistic-regression",
            "05-linear-logistic-regression/softmax-regression",
            "07-random-forests/random-forest",
          ],
          note: "BigQuery ML itself is not covered; the model types it trains are.",
        },
        {
          id: "1.2",
          title:
            "Building AI solutions with ML APIs or foundation models (Model Garden, RAG with Agent Builder)",
          practice: [],
          closest: ["14-transfer-learning/feature-base"],
          note: "Cloud APIs and foundation models are not covered; reusing a pretrained network is the closest idea.",
        },
        {
          id: "1.3",
          title: "Training models with AutoML",
          practice: [],
          closest: ["10-evaluation-tuning/random-search"],
          note: "Not covered. AutoML is a managed search over models and hyperparameters; lab 10 builds such a search by hand.",
        },
      ],
    },
    {
      id: "2",
      title: "Collaborating within and across teams to manage data and models",
      weight: { kind: "percent", value: 14 },
      objectives: [
        {
          id: "2.1",
          title: "Exploring and preprocessing organisation-wide data",
          practice: ["04-data-preparation"],
          note: "Cloud Storage, BigQuery, Spark and data-governance tooling are not covered.",
        },
        {
          id: "2.2",
          title: "Prototyping models in Jupyter notebooks",
          practice: ["12-regression-network/baseline-mae", "12-regression-network/linear-model"],
        },
        {
          id: "2.3",
          title: "Tracking and running ML experiments",
          practice: [
            "19-experiment-tracking/runs",
            "19-experiment-tracking/params-metrics-tags",
            "19-experiment-tracking/log-artifact",
            "19-experiment-tracking/tracked-search",
            "19-experiment-tracking/search-runs",
            "10-evaluation-tuning/cross-val-score",
          ],
          note: "Lab 19 builds a run store like MLflow tracking (runs, params, metric histories, artifacts, search); Vertex AI Experiments and Vertex AI TensorBoard are not covered.",
        },
      ],
    },
    {
      id: "3",
      title: "Scaling prototypes into ML models",
      weight: { kind: "percent", value: 18 },
      objectives: [
        {
          id: "3.1",
          title: "Building models (framework and architecture, interpretability)",
          practice: [
            "12-regression-network/dnn-model",
            "13-image-classification/cnn-model",
            "06-decision-trees/feature-importances",
            "20-responsible-ai/permutation-importance",
            "20-responsible-ai/partial-dependence",
          ],
          note: "Interpretability by permutation importance and partial dependence (lab 20); Vertex Explainable AI is not covered.",
        },
        {
          id: "3.2",
          title: "Training models (training data, hyperparameter tuning, troubleshooting training)",
          practice: [
            "11-tensorflow-basics/training-loop",
            "13-image-classification/train-classifier",
            "16-time-series/lr-sweep",
            "01-gradient-descent/is-diverging",
          ],
          note: "Distributed training and Vertex AI training jobs are not covered.",
        },
        {
          id: "3.3",
          title: "Choosing appropriate hardware for training (CPU, GPU, TPU, distributed)",
          practice: [],
          closest: ["13-image-classification/model-size"],
          note: "Everything here runs on a laptop CPU (tfjs wasm); accelerators are not covered.",
        },
      ],
    },
    {
      id: "4",
      title: "Serving and scaling models",
      weight: { kind: "percent", value: 20 },
      objectives: [
        {
          id: "4.1",
          title: "Serving models (batch and online inference, model registry, versioning)",
          practice: ["17-serving", "12-regression-network/save-reload"],
          note: "Lab 17 practises a versioned on-disk model registry with a champion alias, streaming batch inference over CSV and online inference over HTTP; Vertex AI Model Registry, endpoints and batch prediction are not covered.",
        },
        {
          id: "4.2",
          title: "Scaling online model serving (endpoints, autoscaling, latency)",
          practice: ["17-serving"],
          note: "Partly: lab 17 validates inputs, reloads a model without downtime and load-tests the server (p50/p99 latency); Vertex AI endpoints, autoscaling and accelerators are not covered.",
        },
      ],
    },
    {
      id: "5",
      title: "Automating and orchestrating ML pipelines",
      weight: { kind: "percent", value: 22 },
      objectives: [
        {
          id: "5.1",
          title:
            "Developing end-to-end ML pipelines (validation, transformation, training, evaluation)",
          practice: [
            "04-data-preparation/prepare-auto-mpg",
            "12-regression-network/prepare-data",
            "12-regression-network/evaluate-mae",
            "10-evaluation-tuning/final-evaluation",
          ],
          note: "Pipelines as code in one process; Vertex AI Pipelines, Kubeflow and TFX are not covered.",
        },
        {
          id: "5.2",
          title: "Automating model retraining (triggers, CI/CD)",
          practice: ["18-monitoring/monitoring-loop", "18-monitoring/champion-challenger"],
          note: "Lab 18 builds a drift-driven retraining trigger and promotes a challenger only when it beats the champion; CI/CD, Cloud Build and scheduled Vertex AI Pipelines are not covered.",
        },
        {
          id: "5.3",
          title: "Tracking and auditing metadata (lineage, model registry)",
          practice: [
            "19-experiment-tracking/git-commit",
            "19-experiment-tracking/log-artifact",
            "19-experiment-tracking/reproduce-run",
            "17-serving",
          ],
          note: "Lab 19 records each run's git commit, parameters and hashed artifacts and reproduces a run from its record; lab 17 keeps a versioned model registry. Vertex ML Metadata and Vertex AI Model Registry are not covered.",
        },
      ],
    },
    {
      id: "6",
      title: "Monitoring AI solutions",
      weight: { kind: "percent", value: 13 },
      objectives: [
        {
          id: "6.1",
          title: "Identifying risks to AI solutions (security, responsible AI, bias)",
          practice: [
            "20-responsible-ai/group-rates",
            "20-responsible-ai/disparity-metrics",
            "20-responsible-ai/train-and-audit",
            "20-responsible-ai/group-thresholds",
            "20-responsible-ai/mitigation-tradeoff",
            "20-responsible-ai/model-card",
          ],
          note: "Lab 20 practises bias (fairness metrics, an audit, a mitigation and its trade-off) and a model card; security risks (adversarial inputs, data protection) and Google Cloud's responsible-AI tooling are not covered.",
        },
        {
          id: "6.2",
          title: "Monitoring, testing and troubleshooting AI solutions (drift, skew, performance)",
          practice: [
            "18-monitoring/psi",
            "18-monitoring/ks-test",
            "18-monitoring/jensen-shannon",
            "18-monitoring/rolling-accuracy",
            "18-monitoring/monitoring-loop",
          ],
          note: "Lab 18 compares serving data with the training (reference) data — the comparison behind both skew and drift — and tracks rolling accuracy; Vertex AI Model Monitoring is not covered.",
        },
      ],
    },
  ],
};
