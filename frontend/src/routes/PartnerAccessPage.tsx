import { Anchor, Card, Select, Skeleton, Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { getRouteApi } from "@tanstack/react-router";
import { useAllCenters } from "../features/centers/api";
import { placeOf } from "../features/centers/labels";
import { CenterClients } from "../features/partners/CenterClients";
import { DeliveriesCard } from "../features/partners/DeliveriesCard";
import { WebhookEndpointCard } from "../features/partners/WebhookEndpointCard";
import { AnchorLink } from "../lib/links";
import { LoadError } from "../lib/LoadError";

const route = getRouteApi("/app/partner-access");

export function PartnerAccessPage() {
  useDocumentTitle("Partner access · Cairn");
  const centers = useAllCenters();
  // The chosen center is kept in the URL (?center=…, validated by the route) so the page can be linked to.
  const chosenId = route.useSearch().center ?? null;
  const navigate = route.useNavigate();
  const choose = (centerId: string | null) => void navigate({ search: centerId ? { center: centerId } : {}, replace: true });
  const chosen = centers.data?.find((center) => center.id === chosenId) ?? null;

  let picker;
  if (centers.isPending) picker = <Skeleton height={60} />;
  else if (centers.isError)
    picker = <LoadError title="Could not load the treatment centers" error={centers.error} onRetry={centers.refetch} />;
  else if (!centers.data.length)
    picker = (
      <Text size="sm">
        Your directory has no treatment centers yet.{" "}
        <AnchorLink to="/centers">Add the center to the directory</AnchorLink> first, then give it API access here.
      </Text>
    );
  else
    picker = (
      <Stack gap="md">
        <Select
          label="Treatment center"
          placeholder="Choose a center"
          searchable
          nothingFoundMessage="No center by that name"
          data={centers.data.map((center) => ({
            value: center.id,
            label: [center.name, placeOf(center)].filter(Boolean).join(" — ") + (center.is_partner ? " (partner)" : ""),
          }))}
          value={chosen?.id ?? null}
          onChange={choose}
          maw={520}
        />
        {chosen ? (
          <CenterClients key={chosen.id} center={chosen} />
        ) : (
          <Text size="sm" c="dimmed">
            Choose a center to see and manage its API clients.
          </Text>
        )}
      </Stack>
    );

  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          Partner access
        </Title>
        <Text size="sm" maw={760} mt={4}>
          Partner treatment centers connect their own systems to Cairn. With an API client they receive the referrals
          you send them (only while the client&apos;s consent holds), report admissions and discharges back, and keep
          their bed count current. Their developers will find the integration guide in <code>docs/partners.md</code> of
          the Cairn repository, and the API reference at{" "}
          <Anchor href="/api/docs" target="_blank" rel="noopener noreferrer">
            /api/docs
            <span className="visually-hidden"> (opens in a new tab)</span>
          </Anchor>
          .
        </Text>
      </div>
      <Card withBorder padding="lg" component="section" aria-labelledby="api-clients-title">
        <Title order={2} size="h4" id="api-clients-title" mb="sm">
          API clients
        </Title>
        {picker}
      </Card>
      <WebhookEndpointCard />
      <DeliveriesCard />
    </Stack>
  );
}
