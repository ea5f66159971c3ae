// Moving posts in the calendar with a pointer or the keyboard, and the week's time grid:
// what the handle is called, how to use it, and what a screen reader hears during a move.
export const calendarMoves = {
  roleDescription: "movable post",
  handle: (title: string, when: string) => `Move “${title}”, ${when}`,
  instructions:
    "To move a post, press Space or Enter on its handle. The arrow keys move it a day left or right; in the week grid up and down by 15 minutes (with Shift by an hour), in the month a week. Press Space or Enter to drop it there, Escape to leave it where it was.",
  lifted: (title: string, when: string) => `Picked up “${title}”, ${when}. Arrow keys move it; Space or Enter drops it; Escape cancels.`,
  over: (when: string) => `To ${when}.`,
  dropped: (title: string, when: string) => `Dropped “${title}” on ${when}.`,
  cancelled: (title: string) => `Moving “${title}” cancelled; it stays where it was.`,
  /** A drop on a time the clocks skip goes to the same time after the jump. */
  afterClockChange: (when: string, asked: string) => `${when} (the clocks skip ${asked} that day)`,
  /** A drop on a time that happens twice goes to the first of the two. */
  firstOfTwo: (when: string) => `${when} (the first of the two, before the clocks go back)`,
  hours: "Hours",
  now: (time: string) => `Now, ${time}`,
  skipped: "The clocks skip this hour",
  weekGrid: "Week by the hour",
};
