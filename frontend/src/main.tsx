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
import { createQueryClient } from "./lib/queryClient";
import { createAppRouter } from "./routes/router";
import { theme } from "./theme";

const queryClient = createQueryClient();
const router = createAppRouter(queryClient);

// When the session ends on its own (refresh refused, token revoked), go to the
// sign-in page once, remembering where the user was.
session.subscribe((event) => {
  if (event === "signed-out" || event === "expired") queryClient.clear();
  if (event !== "expired") return;
  const { pathname, href } = router.state.location;
  if (pathname === "/login" || pathname === "/portal/login") return;
  // Clients and family members sign in on the portal's own page, staff on theirs.
  const to = pathname === "/portal" || pathname.startsWith("/portal/") ? "/portal/login" : "/login";
  void router.navigate({ to, search: { redirect: href, reason: "expired" }, replace: true });
});

const root = document.getElementById("root");
if (!root) throw new Error("#root missing from index.html");

createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light">
      <DatesProvider settings={{ firstDayOfWeek: 0 }}>
        <Notifications position="top-right" />
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </DatesProvider>
    </MantineProvider>
  </StrictMode>,
);
