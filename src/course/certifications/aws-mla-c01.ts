import type { Certification } from "./types";

export const awsMlaC01: Certification = {
  id: "aws-mla-c01",
  name: "AWS Certified Machine Learning Engineer – Associate",
  vendor: "Amazon Web Services",
  code: "MLA-C01",
  status: "active",
  guide: {
    title: "AWS Certified Machine Learning Engineer - Associate (MLA-C01) exam guide",
    version: "MLA-C01 (the AWS Certification user guide's current pages)",
    url: "https://docs.aws.amazon.com/aws-certification/latest/machine-learning-engineer-associate-01/machine-learning-engineer-associate-01.html",
    verification: "secondary",
    sources: [
      "docs.aws.amazon.com exam-guide pages (mirror copies): the domain and task titles below",
      "Weights 28 / 26 / 22 / 24 % from study sites quoting the guide (ihatesea69.github.io, swiftwand.com); not read on the AWS page itself",
    ],
    checkedOn: "2026-12-01",
  },
  summary:
    "SageMaker-centred ML engineering on AWS. It replaced the Machine Learning – Specialty (MLS-C01), which retired on 2026-03-31. The labs practise the data preparation, modelling and evaluation tasks, and the ideas behind deployment (a model registry, batch and online inference), monitoring (drift, retraining) and bias metrics; AWS services are not covered.",
  domains: [
    {
      id: "1",
      title: "Data Preparation for Machine Learning (ML)",
      weight: { kind: "percent", value: 28 },
      objectives: [
        {
          id: "1.1",
          title: "Ingest and store data (formats, storage and streaming sources)",
          practice: [],
          closest: ["04-data-preparation/count-missing"],
          note: "S3, EFS, Kinesis, Data Wrangler and Feature Store are not covered; the labs load local CSV/JSON.",
        },
        {
          id: "1.2",
          title: "Transform data and perform feature engineering (cleaning, scaling, encoding)",
          practice: [
            "04-data-preparation/median-impute",
            "04-data-preparation/one-hot",
            "04-data-preparation/iqr-outliers",
            "04-data-preparation/polynomial-features",
            "12-regression-network/normalizer",
          ],
        },
        {
          id: "1.3",
          title: "Ensure data integrity and prepare data for modeling (splits, leakage, bias)",
          practice: [
            "04-data-preparation/scale-train-only",
            "10-evaluation-tuning/k-fold",
            "20-responsible-ai/group-rates",
            "20-responsible-ai/simpsons-paradox",
          ],
          note: "Lab 20 measures per-group rates and shows how aggregated data misleads (Simpson's paradox); SageMaker Clarify itself, encryption and compliance are not covered.",
        },
      ],
    },
    {
      id: "2",
      title: "ML Model Development",
      weight: { kind: "percent", value: 26 },
      objectives: [
        {
          id: "2.1",
          title: "Choose a modeling approach",
          practice: [
            "05-linear-logistic-regression/logistic-regression",
            "06-decision-trees/decision-tree",
            "07-random-forests/random-forest",
            "08-support-vector-machines/kernel-svc",
            "09-kmeans-clustering/kmeans",
          ],
          note: "SageMaker built-in algorithms, JumpStart and Bedrock are not covered.",
        },
        {
          id: "2.2",
          title:
            "Train and refine models (epochs and batches, regularisation, hyperparameter tuning)",
          practice: [
            "05-linear-logistic-regression/lasso",
            "10-evaluation-tuning/grid-search",
            "10-evaluation-tuning/random-search",
            "13-image-classification/regularized-cnn",
            "13-image-classification/stop-at-accuracy",
            "14-transfer-learning/train-transfer",
          ],
        },
        {
          id: "2.3",
          title: "Analyze model performance (metrics, confusion matrices, bias and variance)",
          practice: [
            "10-evaluation-tuning/confusion-matrix",
            "10-evaluation-tuning/precision-recall-f1",
            "10-evaluation-tuning/roc-auc",
            "10-evaluation-tuning/regression-metrics",
            "03-probability-statistics/bias-variance",
            "19-experiment-tracking/reproduce-run",
            "18-monitoring/champion-challenger",
            "20-responsible-ai/disparity-metrics",
            "20-responsible-ai/permutation-importance",
            "20-responsible-ai/partial-dependence",
          ],
          note: "Reproducible experiments (lab 19), a challenger compared with the production model on a fixed set (lab 18, like a shadow variant) and model bias and interpretation (lab 20, what SageMaker Clarify reports); Clarify, Model Debugger and SageMaker Experiments are not covered.",
        },
      ],
    },
    {
      id: "3",
      title: "Deployment and Orchestration of ML Workflows",
      weight: { kind: "percent", value: 22 },
      objectives: [
        {
          id: "3.1",
          title: "Select deployment infrastructure based on existing architecture and requirements",
          practice: ["17-serving", "12-regression-network/save-reload"],
          note: "Lab 17 practises a versioned model registry with a movable champion alias (rollback), batch inference over CSV and an online HTTP inference server; SageMaker endpoints (real-time, serverless, asynchronous), containers and edge deployment are not covered.",
        },
        {
          id: "3.2",
          title: "Create and script infrastructure based on existing architecture and requirements",
          practice: [],
          closest: ["17-serving"],
          note: "Not covered (infrastructure as code, containers, endpoint autoscaling); lab 17's inference server and its load test are the closest.",
        },
        {
          id: "3.3",
          title: "Use automated orchestration tools to set up CI/CD pipelines",
          practice: [],
          closest: ["18-monitoring/monitoring-loop"],
          note: "Not covered (CodePipeline, SageMaker Pipelines, CI/CD). Lab 18's retraining trigger is the closest; `npm run labs -- check --junit` feeds a CI system, but no lab teaches CI/CD.",
        },
      ],
    },
    {
      id: "4",
      title: "ML Solution Monitoring, Maintenance, and Security",
      weight: { kind: "percent", value: 24 },
      objectives: [
        {
          id: "4.1",
          title: "Monitor model inference (drift, data quality)",
          practice: [
            "18-monitoring/psi",
            "18-monitoring/ks-test",
            "18-monitoring/jensen-shannon",
            "18-monitoring/rolling-accuracy",
            "18-monitoring/monitoring-loop",
          ],
          note: "Lab 18 builds data-drift statistics against the training data, rolling accuracy and a retraining trigger by hand; SageMaker Model Monitor (and its bias and feature-attribution drift) is not covered.",
        },
        {
          id: "4.2",
          title: "Monitor and optimize infrastructure and costs",
          practice: [],
          closest: ["17-serving", "13-image-classification/model-size"],
          note: "Not covered (CloudWatch, cost tools, rightsizing instances). Lab 17's load test measures p50/p99 latency, the closest practice.",
        },
        {
          id: "4.3",
          title: "Secure AWS resources",
          practice: [],
          note: "Not covered (IAM, KMS, VPC are AWS-specific).",
        },
      ],
    },
  ],
};
