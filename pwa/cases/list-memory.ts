// Remembers the case list's filters for this visit, so "back to the list" returns to the same view.
let lastListSearch = '';

export function rememberListSearch(search: string): void {
  lastListSearch = search;
}

export function caseListHref(): string {
  return `/cases${lastListSearch}`;
}
