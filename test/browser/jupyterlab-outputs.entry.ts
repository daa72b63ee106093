/// <reference lib="dom" />
/**
 * The browser side of the JupyterLab rendering test (bundled by jupyterlab-bundle.ts, never built
 * into dist): JupyterLab's own OutputArea, RenderMimeRegistry with its standard renderers and its
 * Sanitizer render a notebook's outputs, trusted or not, as JupyterLab does.
 */
import { Sanitizer } from "@jupyterlab/apputils";
import type * as nbformat from "@jupyterlab/nbformat";
import { OutputArea, OutputAreaModel } from "@jupyterlab/outputarea";
import { RenderMimeRegistry, standardRendererFactories } from "@jupyterlab/rendermime";
import { Widget } from "@lumino/widgets";

declare global {
  interface Window {
    /** Renders each cell's outputs in an OutputArea of its own, in page order. */
    renderCellOutputs(cells: nbformat.IOutput[][], trusted: boolean): void;
  }
}

window.renderCellOutputs = (cells, trusted) => {
  const rendermime = new RenderMimeRegistry({ initialFactories: standardRendererFactories, sanitizer: new Sanitizer() });
  for (const outputs of cells) {
    const model = new OutputAreaModel({ trusted, values: outputs });
    const area = new OutputArea({ model, rendermime });
    Widget.attach(area, document.body);
  }
};
