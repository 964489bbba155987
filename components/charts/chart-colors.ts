// Series colours for charts: distinguishable, readable on white, and in a fixed order so a key keeps its colour.
export const seriesColors = ["#1f5fbf", "#d97706", "#059669", "#9333ea", "#dc2626", "#0891b2", "#4b5563"] as const;

export function seriesColor(index: number): string {
  return seriesColors[index % seriesColors.length] ?? seriesColors[0];
}
