/** A job's text files held in memory, seen through the report's folder interface. */
import type { ReportFiles } from './html.js';

export function memoryFiles(name: string, files: ReadonlyArray<[string, string]>): ReportFiles {
  const map = new Map(files);
  return {
    name,
    has: (f) => map.has(f),
    read: (f) => {
      const text = map.get(f);
      if (text === undefined) throw new Error(`${f}: no such file`);
      return text;
    },
    list: (folder) =>
      [...map.keys()].filter((f) => f.startsWith(`${folder}/`) && !f.slice(folder.length + 1).includes('/')).map((f) => f.slice(folder.length + 1)),
  };
}
