import type { Certification } from "./types";

export const azureAi102: Certification = {
  id: "azure-ai-102",
  name: "Microsoft Certified: Azure AI Engineer Associate",
  vendor: "Microsoft",
  code: "AI-102",
  status: "retired",
  retiredOn: "2026-06-30",
  guide: {
    title: "Study guide for Exam AI-102: Designing and Implementing a Microsoft Azure AI Solution",
    version: "skills measured as of 2025-12-23 (the last outline before retirement)",
    url: "https://learn.microsoft.com/en-us/credentials/certifications/resources/study-guides/ai-102",
    verification: "secondary",
    sources: [
      "notes.gobinath.com AI-102 gap analysis “compared against the official AI-102 study guide (updated Dec 23, 2025)”: all six weights",
      "open-exam-prep.com (Plan and manage 20–25 %, agentic 5–10 %, retirement 2026-06-30 and AI-103 as successor)",
      "examinotion.com, certcrush.app, readroo.st: retirement on 2026-06-30, successor AI-103",
    ],
    checkedOn: "2026-12-01",
  },
  summary:
    "Azure AI services (Foundry, Vision, Language, Search, OpenAI). Retired on 2026-06-30; its successor is AI-103 (Developing AI Apps and Agents on Azure), not mapped here yet. Little of it is practised here: the exam is about choosing and configuring Azure services, not training models.",
  domains: [
    {
      id: "1",
      title: "Plan and manage an Azure AI solution",
      weight: { kind: "range", min: 20, max: 25 },
      objectives: [
        {
          id: "1.1",
          title: "Select, deploy, secure and monitor Azure AI services; implement AI responsibly",
          practice: [
            "20-responsible-ai/disparity-metrics",
            "20-responsible-ai/train-and-audit",
            "20-responsible-ai/model-card",
          ],
          note: 'Only "implement AI responsibly": lab 20 practises fairness metrics, an audit and a model card (the fairness and transparency principles). Selecting, deploying, securing and monitoring Azure AI services and content safety are not covered.',
        },
      ],
    },
    {
      id: "2",
      title: "Implement generative AI solutions",
      weight: { kind: "range", min: 15, max: 20 },
      objectives: [
        {
          id: "2.1",
          title:
            "Build generative AI solutions with Foundry and Azure OpenAI (prompts, RAG, evaluation)",
          practice: [],
          closest: ["15-natural-language"],
          note: "Not covered (no generative-AI lab: Foundry, Azure OpenAI, prompts, RAG). Lab 15's next-word generator with temperature sampling is the closest idea.",
        },
      ],
    },
    {
      id: "3",
      title: "Implement an agentic solution",
      weight: { kind: "range", min: 5, max: 10 },
      objectives: [
        {
          id: "3.1",
          title: "Create agents with tools and workflows",
          practice: [],
          note: "Not covered.",
        },
      ],
    },
    {
      id: "4",
      title: "Implement computer vision solutions",
      weight: { kind: "range", min: 10, max: 15 },
      objectives: [
        {
          id: "4.1",
          title: "Analyse images; train custom image classification models",
          practice: [
            "13-image-classification/cnn-model",
            "13-image-classification/train-classifier",
            "14-transfer-learning/transfer-model",
            "14-transfer-learning/train-transfer",
          ],
          note: "The models behind custom vision; Azure AI Vision itself is not covered.",
        },
      ],
    },
    {
      id: "5",
      title: "Implement natural language processing solutions",
      weight: { kind: "range", min: 15, max: 20 },
      objectives: [
        {
          id: "5.1",
          title: "Analyse and translate text; speech; custom language models",
          practice: ["15-natural-language"],
          note: "Partly: lab 15 trains custom text classifiers (TF-IDF + logistic regression, embeddings, LSTM/GRU) — the models behind custom text classification. Azure AI Language, Translator and Speech are not covered (no translation or speech).",
        },
      ],
    },
    {
      id: "6",
      title: "Implement knowledge mining and information extraction solutions",
      weight: { kind: "range", min: 15, max: 20 },
      objectives: [
        {
          id: "6.1",
          title: "Azure AI Search indexes and skillsets; document intelligence",
          practice: [],
          note: "Not covered.",
        },
      ],
    },
  ],
};
