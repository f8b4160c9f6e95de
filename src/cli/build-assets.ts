import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { projectPath } from '../common/project-path';

/**
 * Builds the website's static assets into dist/assets (run by `npm run build` after tsc):
 * the Sass compiled by Dart Sass, GOV.UK Frontend's script, the favicon; every file named by its
 * content hash and written beside its .br and .gz, so @fastify/static serves them precompressed with
 * immutable caching. manifest.json maps the logical names the templates use to the hashed ones.
 * Skipped when no input changed since the last build (`npm start` builds every time).
 */
const SOURCE = projectPath('src', 'web', 'assets');
const OUTPUT = projectPath('dist', 'assets');
const GOVUK = projectPath('node_modules', 'govuk-frontend', 'dist', 'govuk');

export interface AssetManifest {
  inputsHash: string;
  files: Record<string, string>;
}

function main(): void {
  const inputsHash = hashInputs();
  const manifestPath = path.join(OUTPUT, 'manifest.json');
  if (fs.existsSync(manifestPath)) {
    const previous = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as AssetManifest;
    if (previous.inputsHash === inputsHash) {
      process.stdout.write('assets: unchanged, build skipped\n');
      return;
    }
  }
  fs.rmSync(OUTPUT, { recursive: true, force: true });
  fs.mkdirSync(OUTPUT, { recursive: true });
  const files: Record<string, string> = {};
  files['app.css'] = emit('app', '.css', compileSass());
  const govukJs = emit('govuk-frontend', '.js', fs.readFileSync(path.join(GOVUK, 'govuk-frontend.min.js')));
  files['govuk-frontend.js'] = govukJs;
  const init = fs
    .readFileSync(path.join(SOURCE, 'js', 'init.js'), 'utf8')
    .replace('./govuk-frontend.js', `./${govukJs}`);
  files['init.js'] = emit('init', '.js', Buffer.from(init));
  // Page scripts (one per enhanced page, loaded by that page's template only).
  for (const script of fs.readdirSync(path.join(SOURCE, 'js')).filter((name) => name !== 'init.js')) {
    files[script] = emit(
      path.basename(script, '.js'),
      '.js',
      fs.readFileSync(path.join(SOURCE, 'js', script)),
    );
  }
  files['favicon.svg'] = emit('favicon', '.svg', fs.readFileSync(path.join(SOURCE, 'images', 'favicon.svg')));
  fs.writeFileSync(manifestPath, JSON.stringify({ inputsHash, files } satisfies AssetManifest, null, 2));
  process.stdout.write(`assets: built ${Object.values(files).join(', ')}\n`);
}

function compileSass(): Buffer {
  // Dart Sass is a build-time tool (a devDependency): loaded here only.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sass = require('sass') as typeof import('sass');
  const result = sass.compile(path.join(SOURCE, 'scss', 'app.scss'), {
    style: 'compressed',
    loadPaths: [projectPath('node_modules')],
    quietDeps: true,
    silenceDeprecations: ['import'],
  });
  return Buffer.from(result.css);
}

/** Writes name.<hash>.ext with its brotli and gzip forms; returns the file name. */
function emit(name: string, extension: string, content: Buffer): string {
  const hash = createHash('sha256').update(content).digest('hex').slice(0, 12);
  const fileName = `${name}.${hash}${extension}`;
  const target = path.join(OUTPUT, fileName);
  fs.writeFileSync(target, content);
  fs.writeFileSync(
    `${target}.br`,
    brotliCompressSync(content, { params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY } }),
  );
  fs.writeFileSync(`${target}.gz`, gzipSync(content, { level: 9 }));
  return fileName;
}

/** One hash over every input: our sources, this builder, and the installed GOV.UK Frontend version. */
function hashInputs(): string {
  const hash = createHash('sha256');
  for (const file of listFiles(SOURCE)) {
    hash.update(path.relative(SOURCE, file)).update(fs.readFileSync(file));
  }
  hash.update(fs.readFileSync(__filename));
  hash.update(fs.readFileSync(path.join(GOVUK, '..', '..', 'package.json')));
  return hash.digest('hex');
}

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? listFiles(full) : [full];
    })
    .sort();
}

main();
