/** Element ids of what a notice problem names, so a "Show me" button can take the focus there. */
export const prepareTargets = {
  day: (dayId: string) => `prepare-day-${dayId}`,
  item: (itemId: string) => `prepare-item-${itemId}`,
  /** The first field of the invitation form: a unit without presenter needs one invited. */
  invite: 'prepare-invite-name',
  notice: 'prepare-notice',
};

/** Moves the focus to the element with `id` and brings it into view; false when it is not on screen. */
export function focusTarget(id: string): boolean {
  const element = document.getElementById(id);
  if (!element) return false;
  element.focus();
  element.scrollIntoView?.({ block: 'center' });
  return true;
}
