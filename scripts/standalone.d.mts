/** Where the standalone server of the build in `distDir` lives. */
export function standaloneDir(distDir?: string): string;
/** The standalone server's entry point. */
export function standaloneServer(distDir?: string): string;
/** Copies public/ and the build's static files into its standalone folder (replacing older copies). */
export function copyStandaloneAssets(distDir?: string): void;
