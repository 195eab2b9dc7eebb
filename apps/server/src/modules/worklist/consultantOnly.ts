/**
 * The task types only consultants take (claim, next-task pick, push assignment): consultations
 * (issue 5 §4) and second opinions.
 */
export const CONSULTANT_TASK_TYPES: readonly string[] = ['consultation', 'second_opinion'];
