/** Pure DICOM helpers: dates, times, ages, person names, UIDs. No I/O. */
export * from './dates';
export * from './personName';
export * from './uid';
export * from './structure';
