/**
 * "The same in Python": each lab ends with a table mapping what the learner wrote in
 * TypeScript to the call the certifications expect in Python (NumPy, pandas, scikit-learn,
 * Keras, PyTorch). One file per lab in this folder; `npm run notebooks -- python` writes the
 * tables into the notebooks, and tests/course/python-equivalents.test.ts keeps both honest.
 */
export interface PythonEquivalent {
  /** What the lab does, in a few words ("mean squared error"). */
  task: string;
  /** Our TypeScript, as the lab writes it. Inline code, no backticks. */
  ours: string;
  /** The same in Python. Inline code, no backticks. */
  python: string;
  /** Where the conventions differ: parameter names, scaling, defaults. Markdown. */
  note?: string;
  /**
   * Dotted Python names the row relies on ("sklearn.linear_model.Ridge"). Names from numpy,
   * scipy, scikit-learn and torch are checked against the installed libraries by the
   * maintainer script datasets/_build/python_equivalents.py; Keras, TensorFlow and pandas
   * names were checked against their documentation.
   */
  names?: string[];
  /**
   * A value in tests/fixtures/python-equivalents.json that the Python side computed on small
   * fixed inputs; the test runs our side on the same inputs and must match it.
   */
  fixture?: string;
}

export interface PythonTable {
  /** The libraries the Python column uses, with the versions the fixtures came from. */
  libraries: string;
  rows: PythonEquivalent[];
  /** One or two sentences after the table (a pitfall worth knowing). Markdown. */
  footnote?: string;
}
