import nunjucks from 'nunjucks';

type ExportedCallback = (error: Error | null, exported: Record<string, unknown> | null) => void;

interface TemplateInternals {
  getExported: (this: TemplateInternals, ...args: unknown[]) => void;
  /** Set on a compiled template: what its root code exported the last time, without a context. */
  cachedExports?: Record<string, unknown>;
}

let installed = false;

/**
 * Nunjucks runs a template's root code again on every `{% from "…" import … %}` of every render, to
 * collect the macros it defines: the layout and GOV.UK's page template import eleven macro files,
 * about a tenth of a page's CPU (bench:pages profile). An import without `with context` sees no
 * variable of the importing page (a fresh, empty context), so its exports are the same every time:
 * they are kept on the compiled template. A template reloaded from disk (development's noCache) is
 * a new object and runs afresh.
 */
export function cacheMacroImports(): void {
  if (installed) {
    return;
  }
  installed = true;
  const prototype = nunjucks.Template.prototype as unknown as TemplateInternals;
  const getExported = prototype.getExported;
  prototype.getExported = function (this: TemplateInternals, ...args: unknown[]): void {
    // `{% from %}` without context calls getExported(callback) alone; anything else runs as before.
    const callback = args[0];
    if (args.length !== 1 || typeof callback !== 'function') {
      getExported.apply(this, args);
      return;
    }
    const done = callback as ExportedCallback;
    if (this.cachedExports) {
      done(null, this.cachedExports);
      return;
    }
    getExported.call(this, (error: Error | null, exported: Record<string, unknown> | null) => {
      if (!error && exported) {
        this.cachedExports = exported;
      }
      done(error, exported);
    });
  };
}
