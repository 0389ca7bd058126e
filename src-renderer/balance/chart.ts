/**
 * The balance chart's engine: Chart.js (bar chart, category and linear scales, tooltip), imported
 * by BalanceChart only when a balance page shows a chart, so it is its own chunk and the first
 * screen does not carry it. Only the parts the bar chart uses are registered (tree-shaken).
 */
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

export { Chart };
