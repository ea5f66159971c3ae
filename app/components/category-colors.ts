// One colour per category, by its place in the workspace's list: stable, and readable as
// a background for dark text (contrast ≥ 4.5:1 against #1d2125).
const palette = ["#cfe3ff", "#d7f2dc", "#fde2c8", "#eadcfb", "#fbd5dc", "#d3f0f3", "#f3efc2", "#e4e4e4"];

export const categoryColor = (index: number) => palette[(index < 0 ? palette.length - 1 : index) % palette.length]!;
