import * as fs from 'node:fs';
import * as path from 'node:path';

let root: string | undefined;

/** Resolves a path from the project root, the same from src/ (tests) and dist/src/ (compiled). */
export function projectPath(...segments: string[]): string {
  root ??= findRoot(__dirname);
  return path.join(root, ...segments);
}

function findRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`package.json not found above ${start}`);
    }
    dir = parent;
  }
  return dir;
}
