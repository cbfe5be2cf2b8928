import type { OrganisationUnit, RegisteredUnit } from '@plenum/shared';

export interface UnitNode {
  entry: RegisteredUnit;
  children: UnitNode[];
}

/**
 * The register as a tree, each level in name order. A unit whose parent is not among `entries`
 * (filtered out, or unknown) stands at the top, so no unit is ever hidden by its parent.
 */
export function unitTree(entries: readonly RegisteredUnit[]): UnitNode[] {
  const nodes = new Map(entries.map((entry) => [entry.unit.id, { entry, children: [] as UnitNode[] }]));
  const roots: UnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.entry.unit.parentId === null ? undefined : nodes.get(node.entry.unit.parentId);
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: UnitNode[]) => {
    list.sort((a, b) => a.entry.unit.name.localeCompare(b.entry.unit.name));
    for (const node of list) sort(node.children);
  };
  sort(roots);
  return roots;
}

/** The unit at the top of the register (the organisation itself), retired units left out. */
export function topUnit(entries: readonly RegisteredUnit[]): OrganisationUnit | null {
  const current = entries.filter((entry) => entry.retiredAt === null).map((entry) => entry.unit);
  return current.find((unit) => unit.parentId === null) ?? null;
}

/** `unitId` and every unit under it: the parents a unit cannot be moved to. */
export function unitAndDescendants(entries: readonly RegisteredUnit[], unitId: string): Set<string> {
  const found = new Set([unitId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const { unit } of entries) {
      if (unit.parentId !== null && found.has(unit.parentId) && !found.has(unit.id)) {
        found.add(unit.id);
        grew = true;
      }
    }
  }
  return found;
}
