/** `seconds` after `at`, to the millisecond. */
export const plus = (at: Date, seconds: number) =>
  new Date(at.getTime() + Math.round(seconds * 1000));
