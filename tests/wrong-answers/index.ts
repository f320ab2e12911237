import { wrongAnswers as gradientDescent } from "./01-gradient-descent";
import type { WrongAnswer } from "./types";

/** Known-wrong answers per lab id. Every exercise of every lab needs at least one. */
export const wrongAnswersByLab: Record<string, WrongAnswer<never>[]> = {
  "01-gradient-descent": gradientDescent as WrongAnswer<never>[],
};
