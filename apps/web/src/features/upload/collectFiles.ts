import { readFacts } from './fileChecks';

/** One file picked or dropped, with its path inside the dropped folder (upper case, '/'). */
export interface PickedFile {
  file: File;
  path: string;
}

/** Reads all entries of a directory (the reader answers in batches until an empty one). */
async function readAll(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((ok, fail) => reader.readEntries(ok, fail));
    if (!batch.length) return all;
    all.push(...batch);
  }
}

async function walk(entry: FileSystemEntry, out: PickedFile[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((ok, fail) =>
      (entry as FileSystemFileEntry).file(ok, fail),
    );
    out.push({ file, path: entry.fullPath.replace(/^\//, '').toUpperCase() });
  } else if (entry.isDirectory) {
    for (const child of await readAll(entry as FileSystemDirectoryEntry)) await walk(child, out);
  }
}

/** The files of a drop: loose files and every file of dropped folders, at any depth. */
export async function filesFromDrop(dt: DataTransfer): Promise<PickedFile[]> {
  const entries = [...dt.items]
    .map((i) => (i.kind === 'file' ? i.webkitGetAsEntry() : null))
    .filter((e): e is FileSystemEntry => !!e);
  if (!entries.length)
    return [...dt.files].map((file) => ({ file, path: file.name.toUpperCase() }));
  const out: PickedFile[] = [];
  for (const e of entries) await walk(e, out);
  return out;
}

/** The files of a file input (a folder input gives each file's relative path). */
export function filesFromInput(list: FileList): PickedFile[] {
  return [...list].map((file) => ({
    file,
    path: (file.webkitRelativePath || file.name).toUpperCase(),
  }));
}

/** The folder part of a path ('' at the top). */
export const folderOf = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/') + 1) : '');

/**
 * The files to send from a pick: when it holds a DICOMDIR (a CD's index), only the files it
 * lists, and the listed files that are not in the pick (`missing`); the DICOMDIR itself is never
 * sent. Without one, every picked file.
 */
export async function filesToSend(
  picked: PickedFile[],
): Promise<{ files: PickedFile[]; missing: string[] }> {
  const dirs = picked.filter((p) => p.path.split('/').pop() === 'DICOMDIR');
  if (!dirs.length) return { files: picked, missing: [] };
  const wanted = new Set<string>();
  for (const d of dirs) {
    const facts = readFacts(new Uint8Array(await d.file.arrayBuffer()));
    for (const ref of facts.referencedFiles ?? []) wanted.add(folderOf(d.path) + ref);
  }
  const byPath = new Map(picked.map((p) => [p.path, p]));
  return {
    files: [...wanted].map((p) => byPath.get(p)).filter((p): p is PickedFile => !!p),
    missing: [...wanted].filter((p) => !byPath.has(p)),
  };
}
