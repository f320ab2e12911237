/** Every lab's "The same in Python" table, by lab id (one file per lab in this folder). */

import { table as t01 } from "./01-gradient-descent";
import { table as t02 } from "./02-linear-algebra";
import { table as t03 } from "./03-probability-statistics";
import { table as t04 } from "./04-data-preparation";
import { table as t05 } from "./05-linear-logistic-regression";
import { table as t06 } from "./06-decision-trees";
import { table as t07 } from "./07-random-forests";
import { table as t08 } from "./08-support-vector-machines";
import { table as t09 } from "./09-kmeans-clustering";
import { table as t10 } from "./10-evaluation-tuning";
import { table as t11 } from "./11-tensorflow-basics";
import { table as t12 } from "./12-regression-network";
import { table as t13 } from "./13-image-classification";
import { table as t14 } from "./14-transfer-learning";
import { table as t15 } from "./15-natural-language";
import { table as t16 } from "./16-time-series";
import { table as t17 } from "./17-serving";
import { table as t18 } from "./18-monitoring";
import { table as t19 } from "./19-experiment-tracking";
import { table as t20 } from "./20-responsible-ai";
import type { PythonTable } from "./types";

export const PYTHON_TABLES: Readonly<Record<string, PythonTable>> = {
  "01-gradient-descent": t01,
  "02-linear-algebra": t02,
  "03-probability-statistics": t03,
  "04-data-preparation": t04,
  "05-linear-logistic-regression": t05,
  "06-decision-trees": t06,
  "07-random-forests": t07,
  "08-support-vector-machines": t08,
  "09-kmeans-clustering": t09,
  "10-evaluation-tuning": t10,
  "11-tensorflow-basics": t11,
  "12-regression-network": t12,
  "13-image-classification": t13,
  "14-transfer-learning": t14,
  "15-natural-language": t15,
  "16-time-series": t16,
  "17-serving": t17,
  "18-monitoring": t18,
  "19-experiment-tracking": t19,
  "20-responsible-ai": t20,
};

export { PYTHON_CELL_MARKER, pythonCellOf, renderPythonTable, writePythonCell } from "./render";
export type { PythonEquivalent, PythonTable } from "./types";
