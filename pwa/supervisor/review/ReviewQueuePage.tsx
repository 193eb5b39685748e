export function ReviewQueuePage({ search }: { search: string }) {
  return <h1 data-search={search}>证据复核</h1>;
}
