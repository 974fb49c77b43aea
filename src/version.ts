/**
 * The package version, reported in decision records (a test keeps it equal to package.json's).
 *
 * @example
 * ```ts
 * console.log(`zhengdi-rules ${ENGINE_VERSION}`);
 * ```
 */
export const ENGINE_VERSION = '0.1.0';
