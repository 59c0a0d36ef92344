/**
 * Parent chains (seed 001: agents.parent_id, goals.parent_goal_id). Moving `id` under `parentId`
 * closes a cycle exactly when the chain from `parentId` up to its root meets `id`: the path says
 * which (`a → b → c → a`). A chain already broken by bad data stops at its first repeat.
 */
export const ancestry = (parentOf: (id: string) => string | null, id: string, parentId: string): { cycle: boolean; path: readonly string[] } => {
  const path: string[] = [id];
  const seen = new Set<string>();
  for (let current: string | null = parentId; current !== null && !seen.has(current); current = parentOf(current)) {
    path.push(current);
    if (current === id) return { cycle: true, path };
    seen.add(current);
  }
  return { cycle: false, path };
};
