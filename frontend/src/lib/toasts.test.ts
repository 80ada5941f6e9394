import { notifications, notificationsStore } from "@mantine/notifications";
import { describe, expect, it } from "vitest";
import { groupToasts, toastId } from "./toasts";

describe("toasts", () => {
  it("groups toasts with the same words, keeps distinct ones apart", () => {
    expect(toastId({ title: "Measurement recorded", message: "Meetings" })).toBe(toastId({ title: "Measurement recorded", message: "Meetings" }));
    expect(toastId({ title: "Measurement recorded", message: "Meetings" })).not.toBe(toastId({ title: "Measurement recorded", message: "Sleep" }));
    expect(toastId({ id: "mine", message: "x" })).toBe("mine");
  });

  it("shows the same news once", () => {
    groupToasts();
    for (let i = 0; i < 5; i += 1) notifications.show({ title: "Saved", message: "Goal" });
    notifications.show({ title: "Saved", message: "Task" });
    const shown = notificationsStore.getState().notifications.filter((n) => n.title === "Saved");
    expect(shown).toHaveLength(2);
  });
});
