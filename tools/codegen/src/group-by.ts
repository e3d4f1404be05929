/** Items by key, keys and items in first-seen order. */
export function groupBy<T>(items: Iterable<T>, keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** Names by key, keys and names sorted: how generated modules list their imports and exports. */
export function sortedNameGroups<T>(
  items: Iterable<T>,
  keyOf: (item: T) => string,
  nameOf: (item: T) => string,
): Array<[key: string, names: string[]]> {
  return [...groupBy(items, keyOf)]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, group]) => [key, group.map(nameOf).sort()]);
}
