import "@mantine/core/styles.css";
import "@mantine/dates/styles.css";
import "@mantine/notifications/styles.css";
import "./app.css";

import { MantineProvider } from "@mantine/core";
import { DatesProvider } from "@mantine/dates";
import { Notifications } from "@mantine/notifications";
import { QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { session } from "./api/client";
import { ApiError } from "./api/problem";
import { createQueryClient } from "./lib/queryClient";
import { groupToasts } from "./lib/toasts";
import { createAppRouter } from "./routes/router";
import { theme } from "./theme";

groupToasts();
const queryClient = createQueryClient();
const router = createAppRouter(queryClient);

// When the session ends on its own (refresh refused, token revoked), go to the
// sign-in page once, remembering where the user was.
session.subscribe((event) => {
  // A sign-out clears the cache itself once its page has left (AppLayout, PortalLayout):
  // cleared under a mounted page, the signed-in queries would refetch without a token.
  if (event === "expired") queryClient.clear();
  if (event !== "expired") return;
  const { pathname, href } = router.state.location;
  if (pathname === "/login" || pathname === "/portal/login") return;
  // Clients and family members sign in on the portal's own page, staff on theirs.
  const to = pathname === "/portal" || pathname.startsWith("/portal/") ? "/portal/login" : "/login";
  void router.navigate({ to, search: { redirect: href, reason: "expired" }, replace: true });
});

const root = document.getElementById("root");
if (!root) throw new Error("#root missing from index.html");

/**
 * A route's error page already tells the user "not found" (an unknown or foreign
 * id answers 404, a malformed one 422): that is an answer, not a fault, so it is
 * not logged. Anything else a boundary catches is.
 */
function onCaughtError(error: unknown) {
  if (error instanceof ApiError && (error.status === 404 || error.status === 422)) return;
  console.error(error);
}

createRoot(root, { onCaughtError }).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light">
      <DatesProvider settings={{ firstDayOfWeek: 0 }}>
        <Notifications position="bottom-right" limit={3} />
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </DatesProvider>
    </MantineProvider>
  </StrictMode>,
);
