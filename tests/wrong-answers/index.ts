import { wrongAnswers as gradientDescent } from "./01-gradient-descent";
import { wrongAnswers as linearAlgebra } from "./02-linear-algebra";
import { wrongAnswers as probabilityStatistics } from "./03-probability-statistics";
import { wrongAnswers as dataPreparation } from "./04-data-preparation";
import { wrongAnswers as linearLogisticRegression } from "./05-linear-logistic-regression";
import { wrongAnswers as decisionTrees } from "./06-decision-trees";
import { wrongAnswers as randomForests } from "./07-random-forests";
import { wrongAnswers as supportVectorMachines } from "./08-support-vector-machines";
import { wrongAnswers as kmeansClustering } from "./09-kmeans-clustering";
import { wrongAnswers as evaluationTuning } from "./10-evaluation-tuning";
import type { WrongAnswer } from "./types";

/** Known-wrong answers per lab id. Every exercise of every lab needs at least one. */
export const wrongAnswersByLab: Record<string, WrongAnswer<never>[]> = {
  "01-gradient-descent": gradientDescent as WrongAnswer<never>[],
  "02-linear-algebra": linearAlgebra as WrongAnswer<never>[],
  "03-probability-statistics": probabilityStatistics as WrongAnswer<never>[],
  "04-data-preparation": dataPreparation as WrongAnswer<never>[],
  "05-linear-logistic-regression": linearLogisticRegression as WrongAnswer<never>[],
  "06-decision-trees": decisionTrees as WrongAnswer<never>[],
  "07-random-forests": randomForests as WrongAnswer<never>[],
  "08-support-vector-machines": supportVectorMachines as WrongAnswer<never>[],
  "09-kmeans-clustering": kmeansClustering as WrongAnswer<never>[],
  "10-evaluation-tuning": evaluationTuning as WrongAnswer<never>[],
};
