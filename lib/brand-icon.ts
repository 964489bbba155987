// Gatehouse's own mark: a crenellated gatehouse with an arched gateway, on a rounded tile (32 × 32 box). The
// header draws it with the theme's colours (components/brand/logo-mark.tsx); /favicon.ico serves it as an SVG.

export const GATE_PATH = "M8 9h3v2.5h3.5V9h3v2.5H21V9h3v16H8z";
export const ARCH_PATH = "M13 25v-5.5a3 3 0 0 1 6 0V25z";

/** The favicon: the mark in the default primary colour, as a standalone SVG document. */
export const GATEHOUSE_ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#1f5bc2"/><path d="${GATE_PATH}" fill="#ffffff"/><path d="${ARCH_PATH}" fill="#1f5bc2"/></svg>`;
