"use client";

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { InlineMessage, type MessageTone } from "./inline-message";

/** A key value just made (by a rotation), shown once under the key it belongs to. */
export interface FreshKey {
  name: string;
  value: string | null;
  notice: string | null;
}

export interface Announcement {
  tone: MessageTone;
  text: string;
}

interface KeyListState {
  fresh: Record<string, FreshKey>;
  showFresh: (keyId: string, fresh: FreshKey | null) => void;
  /** A result about a key whose row is gone or has moved (revoked, rotated), said above the list. */
  announce: (announcement: Announcement | null) => void;
}

const KeyListContext = createContext<KeyListState | null>(null);

/**
 * What outlives a row across a refresh: a rotated key's new value (the new key is another row than the one the
 * rotation started from) and results about keys that left the list.
 */
export function KeyListProvider({ children }: { children: ReactNode }) {
  const [fresh, setFresh] = useState<Record<string, FreshKey>>({});
  const [announcement, announce] = useState<Announcement | null>(null);
  const showFresh = useCallback((keyId: string, value: FreshKey | null) => {
    setFresh((current) => {
      const next = { ...current };
      if (value) next[keyId] = value;
      else delete next[keyId];
      return next;
    });
  }, []);
  const state = useMemo(() => ({ fresh, showFresh, announce }), [fresh, showFresh]);
  return (
    <KeyListContext value={state}>
      <div aria-live="polite" className="mt-4 empty:hidden">
        {announcement ? <InlineMessage tone={announcement.tone}>{announcement.text}</InlineMessage> : null}
      </div>
      {children}
    </KeyListContext>
  );
}

export function useKeyList(): KeyListState {
  const state = useContext(KeyListContext);
  if (!state) throw new Error("useKeyList needs a KeyListProvider");
  return state;
}
