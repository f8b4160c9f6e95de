import nunjucks from 'nunjucks';
import { cacheMacroImports } from './macro-import-cache';

/** Templates from a map; counts how often the macro file's root code runs (through a global). */
function environment(sources: Record<string, string>) {
  const loader = {
    getSource: (name: string) => ({ src: sources[name], path: name, noCache: false }),
  } as unknown as nunjucks.ILoader;
  const env = new nunjucks.Environment(loader, { autoescape: true });
  let runs = 0;
  env.addGlobal('countRun', () => {
    runs += 1;
    return '';
  });
  return { env, runs: () => runs };
}

const MACROS = '{{ countRun() }}{% macro greet(name) %}<b>{{ name }}</b>{% endmacro %}';

describe('cacheMacroImports', () => {
  beforeAll(() => cacheMacroImports());

  it('runs an imported macro file once, and its macros still render each call', () => {
    const { env, runs } = environment({
      'macros.njk': MACROS,
      'page.njk': '{% from "macros.njk" import greet %}{{ greet(who) }}',
    });
    expect(env.render('page.njk', { who: 'Айбек' })).toBe('<b>Айбек</b>');
    expect(env.render('page.njk', { who: '<i>' })).toBe('<b>&lt;i&gt;</b>');
    expect(runs()).toBe(1);
  });

  it('still runs an import `with context` on every render: it sees the page variables', () => {
    const { env, runs } = environment({
      'macros.njk': MACROS,
      'page.njk': '{% from "macros.njk" import greet with context %}{{ greet(who) }}',
    });
    env.render('page.njk', { who: 'a' });
    env.render('page.njk', { who: 'b' });
    expect(runs()).toBe(2);
  });
});
