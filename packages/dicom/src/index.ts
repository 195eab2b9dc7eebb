/** Pure DICOM helpers: dates, times, ages, person names, UIDs, Part 10 meta. No I/O. */
export * from './dates';
export * from './personName';
export * from './uid';
export * from './structure';
export * from './part10Meta';
export * from './worklist';
export * from './worklistQuery';
