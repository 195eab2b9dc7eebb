/** Where a study's page is. */
export function studyPath(studyUid: string): string {
  return `/studies/${encodeURIComponent(studyUid)}`;
}

/** Router state carried to a study page: the list's query string, for the back link. */
export interface StudyOpenState {
  listSearch: string;
}

/** Router state the study page hands back so the list focuses the study just viewed. */
export interface StudiesReturnState {
  selected?: string;
}
