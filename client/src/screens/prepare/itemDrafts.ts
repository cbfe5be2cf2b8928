import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { sessionStore } from '../../stores/session';
import type { ItemFields } from './ItemForm';

/** Where an agenda item form is open: editing an item, or adding one to a day. */
export const itemDraftKey = {
  edit: (itemId: string) => `edit:${itemId}`,
  add: (dayId: string) => `add:${dayId}`,
};

interface ItemDraftsState {
  /** What each open form holds, by {@link itemDraftKey}; a form without a draft is closed. */
  drafts: Readonly<Record<string, ItemFields>>;
  keep: (key: string, fields: ItemFields) => void;
  drop: (key: string) => void;
  reset: () => void;
}

/**
 * The agenda item forms left open, with what was typed in them: they outlive the Prepare view
 * (another tab, and back), not the page, so an edit is never lost silently.
 */
export const itemDraftsStore = createStore<ItemDraftsState>()((set) => ({
  drafts: {},
  keep: (key, fields) => set(({ drafts }) => ({ drafts: { ...drafts, [key]: fields } })),
  drop: (key) =>
    set(({ drafts }) => {
      const { [key]: _dropped, ...others } = drafts;
      return { drafts: others };
    }),
  reset: () => set({ drafts: {} }),
}));

// Drafts belong to the session they were typed in: another session starts without them.
sessionStore.subscribe((state, previous) => {
  if (state.session.sessionId !== previous.session.sessionId) itemDraftsStore.getState().reset();
});

/** The draft of the form at `key`; null while it is closed. */
export function useItemDraft(key: string): ItemFields | null {
  return useStore(itemDraftsStore, (state) => state.drafts[key] ?? null);
}
