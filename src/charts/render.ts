/**
 * Draws a Vega-Lite specification as SVG text with Vega's headless renderer (no browser, no
 * canvas). `vega` and `vega-lite` are optional peer dependencies, loaded only when a chart is
 * drawn: `npm install vega vega-lite` to use it.
 */
import type { VegaLiteSpec } from './specs';

/**
 * The SVG of a Vega-Lite chart.
 *
 * @example
 * ```ts
 * import { payoutsByAgeChart, toSvg } from 'zhengdi-rules/charts';
 * const svg = await toSvg(payoutsByAgeChart(results)); // '<svg …'
 * ```
 */
export async function toSvg(spec: VegaLiteSpec): Promise<string> {
  let vega: typeof import('vega');
  let vl: typeof import('vega-lite');
  try {
    [vega, vl] = await Promise.all([import('vega'), import('vega-lite')]);
  } catch (e) {
    throw new Error(`zhengdi-rules/charts draws with vega and vega-lite: npm install vega vega-lite (${(e as Error).message})`);
  }
  const compiled = vl.compile(spec as unknown as Parameters<typeof vl.compile>[0]).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
