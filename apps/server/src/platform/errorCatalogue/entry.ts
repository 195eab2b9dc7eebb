/** One catalogue entry: an HTTP status, a DIMSE status where it applies, and the user's message. */
export interface CatalogueEntry {
  status: number;
  message: string;
  dimseStatus?: number;
}
