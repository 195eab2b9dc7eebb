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
    /**
     * De-identification after the CTP/PS3.15 basic profile lists: `cleanTags` empties (keeps at
     * zero length) the listed attributes of one dataset level, replacing those keyed in `replace`
     * (by 8-hex-digit tag) with the given value.
     */
    anonymizer: {
      cleanTags(
        dict: Record<string, DicomElement>,
        replace?: Record<string, string>,
        empty?: readonly string[],
      ): void;
      getTagsNameToEmpty(): string[];
    };
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
