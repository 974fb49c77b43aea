/**
 * `zhengdi-rules/charts`: charts of batch results, what-if comparisons and parameter series, as
 * Vega-Lite specifications, and `toSvg` to draw one with Vega's headless renderer. A separate
 * entry, so the library's users never load Vega (an optional peer dependency).
 *
 * @packageDocumentation
 */
export { costByPayerChart, eligibilityByLandChart, parameterHistoryChart, payoutsByAgeChart, whatIfDeltaChart, type ChartOptions, type VegaLiteSpec } from './specs';
export { toSvg } from './render';
