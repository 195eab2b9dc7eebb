/** The parts of dcmjs (which ships no type declarations) that Telerad uses. */
declare module 'dcmjs' {
  interface DicomElement {
    vr: string;
    Value?: unknown[];
  }
  interface DicomDict {
    meta: Record<string, DicomElement>;
    dict: Record<string, DicomElement>;
    write(options?: Record<string, unknown>): ArrayBuffer;
  }
  interface ReadOptions {
    ignoreErrors?: boolean;
    untilTag?: string | null;
    includeUntilTagValue?: boolean;
    noCopy?: boolean;
    forceStoreRaw?: boolean;
  }
  interface Logger {
    setLevel(level: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'silent'): void;
    getLogger(name: string): Logger;
  }
  const dcmjs: {
    log: Logger;
    data: {
      DicomMessage: { readFile(buffer: ArrayBuffer, options?: ReadOptions): DicomDict };
      DicomDict: new (meta: Record<string, DicomElement>) => DicomDict;
      DicomMetaDictionary: {
        naturalizeDataset(dict: Record<string, DicomElement>): Record<string, unknown>;
        denaturalizeDataset(ds: Record<string, unknown>): Record<string, DicomElement>;
        uid(): string;
      };
    };
  };
  export default dcmjs;
}
