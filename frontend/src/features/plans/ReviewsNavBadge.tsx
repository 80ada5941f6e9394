import { Badge } from "@mantine/core";
import { useMe } from "../auth/api";
import { reviewsPlans, usePlanReviewCount } from "./reviews";

/** The number of plans waiting for review, next to "Plans to review" in the navigation. */
export function ReviewsNavBadge() {
  const me = useMe();
  const count = usePlanReviewCount(reviewsPlans(me));
  if (!count.data) return null;
  const label = `${count.data} plan${count.data === 1 ? "" : "s"} waiting for review`;
  return (
    <Badge size="sm" circle={count.data < 10} variant="filled" color="indigo.8" aria-label={label} title={label} data-testid="reviews-nav-badge">
      {count.data > 99 ? "99+" : count.data}
    </Badge>
  );
}
