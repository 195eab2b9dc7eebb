/** Transcoding: one mechanism for every path that sends a stored object in another syntax. */
export {
  TRANSFER_SYNTAXES,
  syntaxName,
  syntaxSupport,
  type TransferSyntaxSupport,
} from './syntaxes';
export {
  canTranscode,
  loadCodecs,
  transcode,
  transcodeRefusal,
  transcodeSync,
  type Transcoded,
} from './transcoder';
