/**
 * The two graph walks over a template's dependencies, iterative so a 200-step chain cannot
 * overflow the stack. Both expect every dependency to name a step of the template.
 */

interface Node {
  readonly key: string;
  readonly dependsOn: readonly string[];
}

/**
 * A dependency cycle as a path that starts and ends at the same step (`[a, b, c, a]`: a
 * depends on b, b on c, c on a), or null when the dependencies form a DAG. Depth-first with
 * three colours: reaching a step still on the path closes a cycle.
 */
export const dependencyCycle = (steps: readonly Node[]): string[] | null => {
  const dependsOn = new Map(steps.map((step) => [step.key, step.dependsOn]));
  const done = new Set<string>();
  for (const root of steps) {
    if (done.has(root.key)) continue;
    const path: string[] = [root.key];
    const onPath = new Set(path);
    const next: number[] = [0];
    while (path.length > 0) {
      const key = path[path.length - 1];
      const deps = dependsOn.get(key) ?? [];
      const index = next[next.length - 1]++;
      if (index >= deps.length) {
        done.add(key);
        onPath.delete(key);
        path.pop();
        next.pop();
        continue;
      }
      const dep = deps[index];
      if (onPath.has(dep)) return [...path.slice(path.indexOf(dep)), dep];
      if (done.has(dep)) continue;
      path.push(dep);
      onPath.add(dep);
      next.push(0);
    }
  }
  return null;
};

/** 1 + the longest chain of dependencies before each step (Kahn's order); throws on a cycle. */
export const longestChains = (steps: readonly Node[]): ReadonlyMap<string, number> => {
  const waiting = new Map(steps.map((step) => [step.key, step.dependsOn.length]));
  const dependents = new Map<string, string[]>(steps.map((step) => [step.key, []]));
  for (const step of steps) for (const dep of step.dependsOn) dependents.get(dep)?.push(step.key);
  const order = new Map<string, number>();
  const queue = steps.filter((step) => step.dependsOn.length === 0).map((step) => step.key);
  for (const key of queue) order.set(key, 1);
  for (let head = 0; head < queue.length; head++) {
    const key = queue[head];
    for (const dependent of dependents.get(key) ?? []) {
      order.set(dependent, Math.max(order.get(dependent) ?? 0, (order.get(key) as number) + 1));
      const left = (waiting.get(dependent) as number) - 1;
      waiting.set(dependent, left);
      if (left === 0) queue.push(dependent);
    }
  }
  if (queue.length !== steps.length) throw new Error('stepOrders needs a template without dependency cycles (validateTemplate first)');
  return order;
};
