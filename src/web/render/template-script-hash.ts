import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { projectPath } from '../../common/project-path';

/**
 * The CSP source for GOV.UK Frontend's one inline script (it marks `js-enabled`), computed from the
 * installed template so an upgrade cannot silently break it. A hash, not a per-request nonce, so
 * anonymous pages stay cacheable.
 */
export function govukInlineScriptHash(): string {
  const template = fs.readFileSync(
    projectPath('node_modules', 'govuk-frontend', 'dist', 'govuk', 'template.njk'),
    'utf8',
  );
  const script = /<script[^>]*>([^<]+)<\/script>/.exec(template);
  if (!script) {
    throw new Error('GOV.UK Frontend template has no inline script: check the CSP hash');
  }
  return `'sha256-${createHash('sha256').update(script[1]).digest('base64')}'`;
}
