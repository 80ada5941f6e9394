import { notifications } from "@mantine/notifications";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, useSyncExternalStore } from "react";
import { portalKeys } from "./api";
import type { OutboxItem } from "./outbox";
import { sender } from "./sender";

const RETRY_MS = 20_000;

/** The signed-in person's check-ins still waiting on this phone. */
export function usePendingCheckIns(accountId: string | undefined): OutboxItem[] {
  const items = useSyncExternalStore(sender.subscribe, sender.getSnapshot);
  return accountId ? items.filter((item) => item.accountId === accountId) : [];
}

/**
 * Sends waiting check-ins on load, when the connection returns, when the app
 * comes back to the foreground, and every 20 s while any wait. Returns the
 * messages of check-ins the API refused, for the layout to show.
 */
export function useOutboxAutoSend(accountId: string | undefined) {
  const queryClient = useQueryClient();
  const pending = usePendingCheckIns(accountId);
  const [refused, setRefused] = useState<{ key: string; message: string }[]>([]);

  useEffect(() => {
    if (!accountId) return;
    return sender.onReport((report) => {
      if (report.sent.length) {
        void queryClient.invalidateQueries({ queryKey: portalKeys.all });
      }
      if (report.dropped.length) {
        setRefused((list) => [...list, ...report.dropped.map((d) => ({ key: d.item.key, message: d.message }))]);
      }
    });
  }, [accountId, queryClient]);

  useEffect(() => {
    if (!accountId) return;
    const flush = () => {
      void sender.flush(accountId).then((report) => {
        // The check-in page announces its own; this is for ones sent in the background.
        for (const sent of report.sent) {
          notifications.show({
            id: `sent-${sent.item.key}`,
            color: "teal",
            title: "Check-in sent",
            message: "Your saved check-in has reached your interventionist.",
          });
        }
      });
    };
    if (sender.getSnapshot().some((item) => item.accountId === accountId)) flush();
    const onVisible = () => {
      if (document.visibilityState === "visible") flush();
    };
    window.addEventListener("online", flush);
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      window.removeEventListener("online", flush);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [accountId]);

  const waiting = pending.length > 0;
  useEffect(() => {
    if (!accountId || !waiting) return;
    const timer = window.setInterval(() => {
      if (navigator.onLine) void sender.flush(accountId);
    }, RETRY_MS);
    return () => window.clearInterval(timer);
  }, [accountId, waiting]);

  return { pending, refused, dismiss: (key: string) => setRefused((list) => list.filter((r) => r.key !== key)) };
}
